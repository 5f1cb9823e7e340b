"""Benchmark: figures, not pass/fail. `make bench` (`python -m evaluation.bench`) prints a table
and, last, `bench: {json}`.

Our bot and a baseline (the `rasa init` bot whose replies go through one custom action,
evaluation/baseline/) are measured in the same run, with the same endpoints and channels:

- full training time of each, from scratch with an empty Rasa cache (RASA_CACHE_DIRECTORY);
- cold start: Rasa server process start until /status answers with the model loaded;
- per-message latency p50/p95/p99 over REST including the action server, one conversation
  at a time, then throughput and errors with 1, 10 and 50 conversations in parallel (each
  conversation sequential); every phase runs in several rounds, the two bots taking turns
  and alternating who goes first, so a change in the machine's load hits both; latencies
  and errors are pooled over the rounds, throughput is the median round's;
- peak resident memory of each server, child processes included;
- median /model/parse time, and the cause-table query time (in process).

Messages come from the conversations of evaluation/data/vignettes.yml, with greetings, answers to the
bot's questions and follow-ups ("why?", "what should I eat?", "thanks") added. An error is
a failed request, a non-200 answer, or no reply at all (what a failing action server gives).

One module per job: load.py (the conversations and the phases that send them), baseline.py
(the baseline bot and the cold training), memory.py (memory sampling), bots.py (starting both
bots), report.py (the table, the targets, the JSON line) and run.py (the run, in order).

Environment: BENCH_TRAIN=0 skips the training measurement (the baseline is still trained
when its model is missing or older than its files); BENCH_MESSAGES (default 500) messages
per phase; BENCH_CONCURRENCY (default "1,10,50"); BENCH_ROUNDS (default 3) rounds of each
phase.
"""
