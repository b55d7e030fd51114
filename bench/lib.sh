# bench/lib.sh: the helpers bench/run and bench/revocation share (sourced, not run).
# They expect say and die, and run_load expects LOAD (mtlsload) and LOAD_CPU; LOAD_PID is the run in progress.

stop_pid() {   # TERM, wait up to $2 s, then KILL; only ever a PID this script started
  local pid=$1 wait_s=${2:-10} i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < wait_s * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
}

children_of() {  # PIDs whose parent is $1 (nginx workers), from /proc: no procps needed
  local parent=$1 f line fields
  for f in /proc/[0-9]*/stat; do
    read -r line 2>/dev/null <"$f" || continue
    read -ra fields <<<"${line##*) }"
    if [ "${fields[1]}" = "$parent" ]; then f=${f#/proc/}; echo "${f%/stat}"; fi
  done
}
wait_children() {  # nginx binds its sockets before it forks the workers
  local i
  for ((i = 0; i < 100; i++)); do
    [ -n "$(children_of "$1")" ] && return 0
    sleep 0.1
  done
  say "warning: no worker process under nginx $1"
}

PICKED=" "
port_in_use() {  # any socket bound to the port, any state, IPv4 or IPv6
  local hex
  hex=$(printf '%04X' "$1")
  awk -v h=":$hex" 'FNR > 1 && substr($2, length($2) - 4) == h { found = 1 } END { exit !found }' \
    /proc/net/tcp /proc/net/tcp6 2>/dev/null
}
free_port() {    # a free port from the kernel's ephemeral range, never one handed out before
  local lo hi p i
  read -r lo hi < /proc/sys/net/ipv4/ip_local_port_range
  for ((i = 0; i < 500; i++)); do
    p=$(( lo + (RANDOM * 32768 + RANDOM) % (hi - lo + 1) ))
    case "$PICKED" in *" $p "*) continue ;; esac
    port_in_use "$p" && continue
    PICKED="$PICKED$p "
    echo "$p"
    return 0
  done
  die "no free port found in $lo-$hi"
}
listening() {
  local hex
  hex=$(printf '%04X' "$1")
  awk -v h=":$hex" 'FNR > 1 && $4 == "0A" && substr($2, length($2) - 4) == h { found = 1 } END { exit !found }' \
    /proc/net/tcp /proc/net/tcp6 2>/dev/null
}
established() {  # server-side established connections on the port
  local hex
  hex=$(printf '%04X' "$1")
  awk -v h=":$hex" 'FNR > 1 && $4 == "01" && substr($2, length($2) - 4) == h { n++ } END { print n + 0 }' \
    /proc/net/tcp /proc/net/tcp6 2>/dev/null
}
wait_listening() {  # port pid name log
  local i
  for ((i = 0; i < 1800; i++)); do
    listening "$1" && return 0
    if ! kill -0 "$2" 2>/dev/null; then
      local rc=0
      wait "$2" 2>/dev/null || rc=$?
      say "$3 exited with status $rc before listening (128+N: killed by signal N); its log:"
      tail -n 30 "$4" >&2 || true
      exit 1
    fi
    sleep 0.1
  done
  say "$3 is not listening on $1 after 180 s; its log:"; tail -n 30 "$4" >&2 || true
  exit 1
}

cpu_ticks() {  # utime + stime (fields 14 and 15 of /proc/PID/stat), summed
  local total=0 pid t
  for pid in "$@"; do
    t=$(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$pid/stat" 2>/dev/null || echo 0)
    total=$(( total + t ))
  done
  echo "$total"
}
rss_kb() {
  local total=0 pid r
  for pid in "$@"; do
    r=$(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0)
    total=$(( total + ${r:-0} ))
  done
  echo "$total"
}
child_cpu_s() {  # the shell's reaped children's user+sys seconds, from the `times` builtin in $1
  awk 'NR == 2 { s = 0; for (i = 1; i <= 2; i++) { split($i, a, /[ms]/); s += a[1] * 60 + a[2] } print s }' "$1"
}

run_load() {  # out-file duration args...: runs mtlsload on the load core, interruptible
  local out=$1 d=$2; shift 2
  taskset -c "$LOAD_CPU" "$LOAD" -d "${d}s" "$@" </dev/null >"$out" 2>&1 &
  LOAD_PID=$!
  wait "$LOAD_PID" || true
  LOAD_PID=""
}
field() { sed -n "s|.*$1 \\([0-9.]*\\).*|\\1|p" "$2" | head -n 1; }

# Statistics over a space-separated list of samples (bench/run's rounds).
stat_median() { tr ' ' '\n' <<<"$1" | sed '/^$/d' | sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit; if (NR % 2) print v[(NR + 1) / 2]; else printf "%.6f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
stat_spread() {  # (max - min) / median, in %; empty for fewer than 2 samples
  tr ' ' '\n' <<<"$1" | sed '/^$/d' | sort -g | awk '{ v[NR] = $1 } END {
    if (NR < 2) exit; m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    if (m > 0) printf "%.0f\n", (v[NR] - v[1]) * 100 / m }'
}
