#!/usr/bin/env node
// The peer baseline for fazhi's extraction benchmark: Microsoft Recognizers-Text (Chinese
// culture) recognizing numbers and percentages, paragraph by paragraph, in the texts fazhi's
// extractor is timed on. Prints one JSON line with the bytes read, the CPU seconds spent and
// MB per CPU second (one core; CPU time, so other load on the machine does not count).
//
//   node recognizers_bench.js [--max-seconds 30] FILE_OR_DIR...
//   {"files":5,"paragraphs":261,"bytes":106407,"cpu_seconds":0.5,"wall_seconds":0.6,
//    "mb_per_s":0.21,"numbers":988,"percentages":47,"model_reuse":true}
//
// Models are built once and reused for every paragraph (recognizeNumber/recognizePercentage
// build a new recognizer per call, which would time construction rather than recognition);
// --per-call times those convenience functions instead. Only UTF-8 .txt files are read.
// With --max-seconds (CPU seconds) the run stops after the paragraph that crosses the limit, and the figures
// cover the text processed up to there.
'use strict';

const kWarmUpParagraphs = 100;

const fs = require('fs');
const path = require('path');
const { Culture, recognizeNumber, recognizePercentage } =
    require('@microsoft/recognizers-text-suite');
// The suite's recognizeNumber is this package's; the suite does not re-export the recognizer.
const { NumberRecognizer } = require('@microsoft/recognizers-text-number');

function usage(message) {
  process.stderr.write(`recognizers_bench: ${message}\n` +
      'usage: node recognizers_bench.js [--max-seconds S] [--per-call] FILE_OR_DIR...\n');
  process.exit(2);
}

function parseArgs(argv) {
  const args = { maxSeconds: Infinity, perCall: false, inputs: [] };
  for (let i = 0; i < argv.length; ++i) {
    if (argv[i] === '--max-seconds') {
      args.maxSeconds = Number(argv[++i]);
      if (!(args.maxSeconds > 0)) usage('--max-seconds: expected a positive number');
    } else if (argv[i] === '--per-call') {
      args.perCall = true;
    } else {
      args.inputs.push(argv[i]);
    }
  }
  if (args.inputs.length === 0) usage('no input files');
  return args;
}

// Every .txt file named or inside a named directory, in name order.
function listFiles(inputs) {
  const files = [];
  for (const input of inputs) {
    if (fs.statSync(input).isDirectory()) {
      for (const name of fs.readdirSync(input).sort()) {
        if (name.endsWith('.txt')) files.push(path.join(input, name));
      }
    } else {
      files.push(input);
    }
  }
  return files;
}

// Paragraphs are the text's non-blank lines, as the reports are laid out.
function paragraphs(text) {
  return text.split('\n').filter((line) => line.trim() !== '');
}

function recognizers(perCall) {
  if (perCall) {
    return {
      numbers: (p) => recognizeNumber(p, Culture.Chinese),
      percentages: (p) => recognizePercentage(p, Culture.Chinese),
    };
  }
  const recognizer = new NumberRecognizer(Culture.Chinese);
  const numberModel = recognizer.getNumberModel();
  const percentageModel = recognizer.getPercentageModel();
  return {
    numbers: (p) => numberModel.parse(p),
    percentages: (p) => percentageModel.parse(p),
  };
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const files = listFiles(args.inputs);
  const texts = files.map((f) => fs.readFileSync(f, 'utf8'));
  const recognize = recognizers(args.perCall);
  // Warm up untimed (regexes compile lazily, V8 optimizes hot code) on the first paragraphs, so
  // that the timed run is the peer's steady state.
  const warmUp = texts.flatMap(paragraphs).slice(0, kWarmUpParagraphs);
  for (const paragraph of warmUp) {
    recognize.numbers(paragraph);
    recognize.percentages(paragraph);
  }

  const result = { files: 0, paragraphs: 0, bytes: 0, cpu_seconds: 0, wall_seconds: 0,
                   mb_per_s: 0, numbers: 0, percentages: 0, model_reuse: !args.perCall };
  const wallStart = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  const cpuSeconds = () => {
    const used = process.cpuUsage(cpuStart);
    return (used.user + used.system) / 1e6;
  };
  outer: for (const text of texts) {
    for (const paragraph of paragraphs(text)) {
      result.numbers += recognize.numbers(paragraph).length;
      result.percentages += recognize.percentages(paragraph).length;
      result.paragraphs += 1;
      result.bytes += Buffer.byteLength(paragraph, 'utf8') + 1;  // with its newline
      if (cpuSeconds() > args.maxSeconds) break outer;
    }
    result.files += 1;
  }
  const cpu = cpuSeconds();
  result.cpu_seconds = Number(cpu.toFixed(3));
  result.wall_seconds = Number((Number(process.hrtime.bigint() - wallStart) / 1e9).toFixed(3));
  result.mb_per_s = Number((result.bytes / 1e6 / Math.max(cpu, 1e-9)).toFixed(4));
  process.stdout.write(JSON.stringify(result) + '\n');
}

main();
