/**
 * WordCount, the classic: counts words in a text file or from a socket and prints the
 * running count of each word as it changes.
 *
 *   weir run examples/wordcount.ts --input README.md
 *   nc -lk 9999 &   weir run examples/wordcount.ts --hostname localhost --port 9999
 *
 * Words are the lower-cased runs of word characters (letters, digits, underscore).
 */
import { ParameterTool, StreamExecutionEnvironment, type Collector } from 'weir';

const params = ParameterTool.fromArgs(process.argv.slice(2));
const env = StreamExecutionEnvironment.getExecutionEnvironment();

let text;
if (params.has('input')) {
  text = env.readTextFile(params.getRequired('input'));
} else if (params.has('hostname') && params.has('port')) {
  text = env.socketTextStream(params.getRequired('hostname'), params.getInt('port'));
} else {
  console.error('usage: weir run examples/wordcount.ts (--input PATH | --hostname HOST --port PORT)');
  process.exit(2);
}

text
  .flatMap((line: string, out: Collector<[string, number]>) => {
    for (const word of line.toLowerCase().split(/\W+/)) {
      if (word.length > 0) out.collect([word, 1]);
    }
  })
  .name('Tokenizer')
  .keyBy((pair) => pair[0])
  .sum(1)
  .name('Counter')
  .print();

await env.execute('WordCount');
