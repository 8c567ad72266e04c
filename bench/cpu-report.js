// Preloaded into a benchmarked child process (node --import ./bench/cpu-report.js …): at exit it writes the process's
// CPU time (all threads, microseconds) to the file named by BENCH_CPU_FILE.
import { writeFileSync } from 'node:fs';
import process from 'node:process';

const file = process.env.BENCH_CPU_FILE;
if (file) process.on('exit', () => writeFileSync(file, JSON.stringify(process.cpuUsage())));
