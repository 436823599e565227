# peak.sh: the measure the memory benches share (batch-memory.sh,
# qa-memory.sh), sourced by them so that their figures are taken and
# printed alike.
#
# peak LABEL CMD...: runs CMD under /usr/bin/time -v with its output
# thrown away and prints one line: LABEL, CMD's exit status, its peak
# resident memory (KB and MB), the wall clock and the user time.  The
# caller's $tmp names a scratch folder (time's report is kept there).
peak() {
	label=$1
	shift
	/usr/bin/time -v "$@" >/dev/null 2>"$tmp/time"
	s=$?
	kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time")
	wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$tmp/time")
	cpu=$(sed -n 's/.*User time (seconds): //p' "$tmp/time")
	printf '%-44s exit %d  peak %8d KB (%d MB)  wall %s  user %s s\n' \
	    "$label" "$s" "$kb" $((kb / 1024)) "$wall" "$cpu"
}
