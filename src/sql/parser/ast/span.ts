/**
 * A region of the submitted SQL text: 0-based UTF-16 offsets into the whole text given to
 * `parse` (not into one statement), `end` exclusive. Add 1 to `start` for the 1-based
 * character position that PostgreSQL's ErrorResponse `P` field carries.
 */
export interface Span {
  readonly start: number;
  readonly end: number;
}
