/**
 * Fraud detection, after Flink's DataStream tutorial: flag an account when a small
 * transaction (under $1.00) is followed within one minute by a large one (over $500.00).
 * Keyed state remembers the small transaction; a processing-time timer forgets it after a
 * minute.
 *
 *   weir run examples/fraud-detection.ts [--count 2000] [--rate 0]
 *
 * Transactions are generated deterministically: accounts 1..5 in turn, with amounts from a
 * fixed list in which a small amount is sometimes followed, for the same account, by a
 * large one.
 */
import { transaction, type Alert, type Transaction } from './fraud-detection-model.ts';
import {
  DataGeneratorSource,
  KeyedProcessFunction,
  ParameterTool,
  StreamExecutionEnvironment,
  ValueStateDescriptor,
  WatermarkStrategy,
  type Collector,
  type KeyedProcessContext,
  type OnTimerContext,
} from 'weir';

const SMALL_AMOUNT = 1.0;
const LARGE_AMOUNT = 500.0;
const ONE_MINUTE = 60 * 1000;

export class FraudDetector extends KeyedProcessFunction<number, Transaction, Alert> {
  private readonly flag = new ValueStateDescriptor<boolean>('flag');
  private readonly timer = new ValueStateDescriptor<number>('timer-state');

  override processElement(tx: Transaction, ctx: KeyedProcessContext<number>, out: Collector<Alert>): void {
    const flag = this.getRuntimeContext().getState(this.flag);
    if (flag.value() === true) {
      if (tx.amount > LARGE_AMOUNT) out.collect({ accountId: tx.accountId, amount: tx.amount });
      this.cleanUp(ctx);
    }
    if (tx.amount < SMALL_AMOUNT) {
      flag.update(true);
      const at = ctx.timerService().currentProcessingTime() + ONE_MINUTE;
      ctx.timerService().registerProcessingTimeTimer(at);
      this.getRuntimeContext().getState(this.timer).update(at);
    }
  }

  override onTimer(_timestamp: number, _ctx: OnTimerContext<number>, _out: Collector<Alert>): void {
    // A minute without a large transaction: forget the small one.
    this.getRuntimeContext().getState(this.timer).clear();
    this.getRuntimeContext().getState(this.flag).clear();
  }

  private cleanUp(ctx: KeyedProcessContext<number>): void {
    const timer = this.getRuntimeContext().getState(this.timer);
    const at = timer.value();
    if (at !== undefined) ctx.timerService().deleteProcessingTimeTimer(at);
    timer.clear();
    this.getRuntimeContext().getState(this.flag).clear();
  }
}

const params = ParameterTool.fromArgs(process.argv.slice(2));
const env = StreamExecutionEnvironment.getExecutionEnvironment();

env
  .fromSource(
    new DataGeneratorSource(transaction, params.getInt('count', 2000), params.getInt('rate', 0)),
    WatermarkStrategy.noWatermarks<Transaction>(),
    'transactions',
  )
  .keyBy((tx) => tx.accountId)
  .process(new FraudDetector())
  .name('fraud-detector')
  .map((a) => `Alert{id=${a.accountId}, amount=${a.amount.toFixed(2)}}`)
  .print();

await env.execute('Fraud Detection');
