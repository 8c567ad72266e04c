// vader-sentiment as a whole `classify` process, for comparison with ours (bench/process-bench.ts): one text a line
// on stdin -> JSONL {text, label, compound} on stdout, label by the usual compound cut-offs (±0.05). Plain Node, no tsx.
import process from 'node:process';
import { text } from 'node:stream/consumers';
import vader from 'vader-sentiment';

const lines = (await text(process.stdin)).split(/\r?\n/).filter((l) => l.trim() !== '');
const out = lines.map((t) => {
  const c = vader.SentimentIntensityAnalyzer.polarity_scores(t).compound;
  return JSON.stringify({ text: t, label: c >= 0.05 ? 'positive' : c <= -0.05 ? 'negative' : 'neutral', compound: c });
});
process.stdout.write(`${out.join('\n')}\n`);
