#!/usr/bin/env bash
# Overload benchmark (not a test): a burst of distinct emails to the real daemon's local ingress, far above the rate it
# can answer them (the outbox sends SEND_RATE per second). Prints accept latency (p50/p99) during the burst next to a
# single-connection baseline from the same run, the daemon's peak RSS, how long processing takes to catch up after the
# burst, and whether every accepted email got its reply. Needs wrk and sqlite3 (Debian packages; installed if missing).
#   bench/overload.sh [BURST_SECONDS=15] [CONNECTIONS=64] [SEND_RATE=100]
set -euo pipefail
cd "$(dirname "$0")/.."
BURST_SECONDS=${1:-15}; CONNECTIONS=${2:-64}; SEND_RATE=${3:-100}

for tool in wrk sqlite3; do
  command -v "$tool" >/dev/null || apt-get install -y "$tool" >/dev/null
done

work=$(mktemp -d)
trap 'kill "$daemon" 2>/dev/null || true; rm -rf "$work"' EXIT
dotnet build src/MailStreams.Host -c Release -o "$work/out" >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"

MailStreams__Outbox__RatePerSecond=$SEND_RATE MailStreams__LoopGuard__RepliesPerSender=0 MailStreams__LoopGuard__RepliesPerThread=0 \
Logging__LogLevel__Default=Warning dotnet "$work/out/mailstreams.dll" run --data "$work/data" --tools tools --urls "$url" >"$work/daemon.log" 2>&1 &
daemon=$!
until curl -sf "$url/healthz" >/dev/null; do sleep 0.2; done

count() { sqlite3 "file:$work/data/streams.db?mode=ro" "select count(*) from records where stream='$1'" 2>/dev/null || echo 0; }
latency() { awk '/^ +50%/{p50=$2} /^ +99%/{p99=$2} /requests in/{n=$1} /Non-2xx/{bad=$NF} /Requests\/sec/{rps=$2}
  END{printf "%s requests, %s/s, non-2xx %s, p50 %s, p99 %s\n", n, rps, (bad==""?0:bad), p50, p99}' "$1"; }

BURST_RUN=base wrk -t1 -c1 -d5s --latency -s bench/overload.lua "$url" >"$work/base.txt"
BURST_RUN=burst wrk -t2 -c"$CONNECTIONS" -d"${BURST_SECONDS}s" --latency -s bench/overload.lua "$url" >"$work/burst.txt"
burst_end=$(date +%s.%N)
sent_at_end=$(count events/sent)

# Requests still in flight when wrk stopped are appended too: compare with the inbox as it is now, until equal.
while [ "$(count events/sent)" -lt "$(count inbox/reverser)" ]; do
  sleep 0.5
  if ! kill -0 "$daemon" 2>/dev/null; then echo "the daemon died"; cat "$work/daemon.log"; exit 1; fi
done
caught_up=$(date +%s.%N)
peak_kb=$(awk '/VmHWM/{print $2}' "/proc/$daemon/status")

echo "baseline (1 connection): $(latency "$work/base.txt")"
echo "burst ($CONNECTIONS connections, ${BURST_SECONDS} s): $(latency "$work/burst.txt")"
echo "replies sent by the end of the burst $sent_at_end; send rate $SEND_RATE/s"
echo "catch-up after the burst: $(echo "$caught_up - $burst_end" | bc) s; accepted emails (inbox records) $(count inbox/reverser), replies $(count events/sent), dead letters $(( $(count dead/inbox/reverser) + $(count dead/outbox) ))"
echo "peak RSS of the daemon: $(( peak_kb / 1024 )) MiB"
