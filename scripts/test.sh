#!/usr/bin/env bash
# Build the solution and run every test against the private `test` PostgreSQL
# cluster and Debian's Chromium. CI runs this (.ci/run).
#
#   scripts/test.sh [extra dotnet test args, e.g. --filter FullyQualifiedName~Import]
#
# The last line of output is always the summary: "N passed, M failed[, K skipped]".
# Exit status is non-zero when a test failed, the build failed, dotnet test
# failed, or no test results were produced.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd -P)"
# shellcheck source=scripts/lib.sh
source "$SCRIPT_DIR/lib.sh"

RESULTS_DIR="$REPO_ROOT/TestResults"

# Value of attribute $2 in the XML tag $1 (attributes are preceded by a space,
# so " executed=" does not match "notExecuted="); 0 when absent.
attr() {
    local v
    v="$(sed -n "s/.* $2=\"\([0-9]*\)\".*/\1/p" <<<"$1")"
    echo "${v:-0}"
}

# Sum the <Counters .../> of every .trx under $1 (one per test project) and
# print "files passed failed skipped".
# Skipped tests: xunit's trx reports them only as total - executed (its
# notExecuted attribute stays 0, checked with a real skipped test).
trx_counts() {
    local dir="$1" f tag files=0 total=0 executed=0 passed=0 failed=0 n
    while IFS= read -r -d '' f; do
        # The tag is on one line in practice; joining lines makes sure.
        tag="$(tr '\n' ' ' <"$f" | grep -o '<Counters [^>]*>' | head -n1)" || continue
        files=$((files + 1))
        total=$((total + $(attr "$tag" total)))
        executed=$((executed + $(attr "$tag" executed)))
        passed=$((passed + $(attr "$tag" passed)))
        # Outcomes other than passed/skipped all count as failures.
        for n in failed error timeout aborted; do
            failed=$((failed + $(attr "$tag" "$n")))
        done
    done < <(find "$dir" -name '*.trx' -print0 2>/dev/null)
    echo "$files $passed $failed $((total - executed))"
}

summary_line() {  # passed failed skipped
    if [ "$3" -gt 0 ]; then echo "$1 passed, $2 failed, $3 skipped"; else echo "$1 passed, $2 failed"; fi
}

main() {
    # Whatever fails before the tests ran (missing dotnet, apt, database,
    # build), the last line must still be a summary that counts as failed.
    trap '[ -n "${SUMMARY_DONE:-}" ] || echo "0 passed, 1 failed"' EXIT
    require_dotnet

    # Browser tests need Chromium, and a CJK font or Chinese renders as boxes.
    local missing=()
    [ -x /usr/bin/chromium ] || missing+=(chromium)
    dpkg -s fonts-wqy-microhei >/dev/null 2>&1 || missing+=(fonts-wqy-microhei)
    [ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"

    bash "$SCRIPT_DIR/db.sh" start test >/dev/null
    PORTAL_TEST_PG="$(bash "$SCRIPT_DIR/db.sh" connstr test)"
    export PORTAL_TEST_PG
    export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1   # use Debian's chromium, never download one
    export PORTAL_CHROMIUM=/usr/bin/chromium
    export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

    cd "$REPO_ROOT"
    dotnet build GovDataPortal.sln -c Release || die "Build failed."

    rm -rf "$RESULTS_DIR"
    # LogFilePrefix (not a fixed LogFileName): with a fixed name every test
    # project overwrites the previous one's trx, hiding its failures. The prefix
    # gives each project its own results_<tfm>_<timestamp>.trx.
    local rc=0
    dotnet test GovDataPortal.sln -c Release --no-build \
        --logger "trx;LogFilePrefix=results" --results-directory "$RESULTS_DIR" "$@" || rc=$?

    local files passed failed skipped
    read -r files passed failed skipped < <(trx_counts "$RESULTS_DIR")
    if [ "$files" -eq 0 ]; then
        log "No test results (.trx) were produced in $RESULTS_DIR."
        passed=0 failed=1 skipped=0
    elif [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
        # e.g. a crashed test host: its tests are missing from the trx, so the
        # counts alone would look green.
        log "dotnet test exited with code $rc although no test is recorded as failed."
        failed=1
    fi
    summary_line "$passed" "$failed" "$skipped"
    SUMMARY_DONE=1
    [ "$failed" -eq 0 ] && [ "$rc" -eq 0 ]
}

# Sourcing this file (e.g. to check trx_counts against a sample) runs nothing.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    main "$@"
fi
