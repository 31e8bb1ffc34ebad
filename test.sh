#!/usr/bin/env bash
# Installs what the tests need (on a fresh Debian machine too), builds, runs every test project and prints one
# closing line: "Tests: N passed, N failed, N skipped". Exits non-zero when anything failed.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export AWS_PAGER=""

log_dir="$root/artifacts/test-logs"
mkdir -p "$log_dir"

say() { printf '\n== %s\n' "$*"; }

# ---- 1. System packages (only what is missing) -------------------------------------------------------------
missing=()
[[ -x /usr/bin/aws ]] || missing+=(awscli)
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
# aws-lambda-ric compiles its native addon (curl + aws-lambda-cpp) at install time.
command -v cmake >/dev/null 2>&1 || missing+=(cmake)
command -v make >/dev/null 2>&1 || missing+=(make)
command -v g++ >/dev/null 2>&1 || missing+=(g++)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v unzip >/dev/null 2>&1 || missing+=(unzip)
command -v zip >/dev/null 2>&1 || missing+=(zip)
# Native AOT publish of tests/Fluoro.Sdk.AotTests (run by Fluoro.Sdk.Tests) links with clang against zlib.
command -v clang >/dev/null 2>&1 || missing+=(clang)
[[ -f /usr/include/zlib.h ]] || missing+=(zlib1g-dev)
if (( ${#missing[@]} > 0 )); then
  say "apt-get install ${missing[*]}"
  if [[ $(id -u) -eq 0 ]]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >"$log_dir/apt.log" 2>&1 || true
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >>"$log_dir/apt.log" 2>&1 \
      || { echo "apt-get install failed; see $log_dir/apt.log"; tail -20 "$log_dir/apt.log"; }
  else
    echo "not root: cannot install ${missing[*]}; tests that need them will fail in CI or skip locally"
  fi
fi

# ---- 2. npm peers (real AWS clients for the end-to-end tests) ------------------------------------------------
peers="$root/tests/e2e-peers"
if [[ -f "$peers/package-lock.json" ]] && command -v npm >/dev/null 2>&1; then
  stamp="$peers/node_modules/.fluoro-lock-stamp"
  if [[ ! -f "$stamp" ]] || ! cmp -s "$peers/package-lock.json" "$stamp"; then
    say "npm ci (tests/e2e-peers)"
    if (cd "$peers" && npm ci --no-audit --no-fund >"$log_dir/npm.log" 2>&1); then
      cp "$peers/package-lock.json" "$stamp"
    else
      echo "npm ci failed; see $log_dir/npm.log"
      tail -30 "$log_dir/npm.log"
    fi
  fi
fi

# ---- 3. Build
# Optional arguments select test projects by substring, e.g. ./test.sh Daemon Api (default: all). --------------------------------------------------------------------------------------------------
projects=()
for proj in tests/*/*.csproj; do
  # Libraries of shared tests (IsTestProject=false) are run through the projects that reference them.
  grep -q '<IsTestProject>false</IsTestProject>' "$proj" && continue
  if (( $# > 0 )); then
    keep=0
    for pattern in "$@"; do [[ "$proj" == *"$pattern"* ]] && keep=1; done
    (( keep )) || continue
  fi
  projects+=("$proj")
done

say "dotnet build (${#projects[@]} test projects)"
build_failed=()
for proj in "${projects[@]}"; do
  name="$(basename "$proj" .csproj)"
  if ! dotnet build "$proj" -nologo -v q -clp:ErrorsOnly >"$log_dir/$name.build.log" 2>&1; then
    echo "BUILD FAILED: $name"
    grep -E 'error' "$log_dir/$name.build.log" | sort -u | head -20
    build_failed+=("$name")
  fi
done

# ---- 4. Test ---------------------------------------------------------------------------------------------------
total_passed=0
total_failed=0
total_skipped=0
for proj in "${projects[@]}"; do
  name="$(basename "$proj" .csproj)"
  if printf '%s\n' "${build_failed[@]:-}" | grep -qx "$name"; then
    total_failed=$((total_failed + 1))
    continue
  fi

  say "dotnet test $name"
  out="$log_dir/$name.test.log"
  # The trx file keeps each failure's message and stack, which the quiet console output leaves out.
  timeout --kill-after=30 1200 dotnet test "$proj" --no-build -nologo -v q \
    --logger "trx;LogFileName=$name.trx" --results-directory "$log_dir" >"$out" 2>&1
  rc=$?
  summary="$(grep -E '(Passed|Failed)!? +- +Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$out" | tail -1)"
  if [[ -z "$summary" ]]; then
    summary="$(grep -E 'Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$out" | tail -1)"
  fi
  if [[ -n "$summary" ]]; then
    f=$(sed -E 's/.*Failed: +([0-9]+).*/\1/' <<<"$summary")
    p=$(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"$summary")
    s=$(sed -E 's/.*Skipped: +([0-9]+).*/\1/' <<<"$summary")
    echo "$summary"
  else
    f=0; p=0; s=0
  fi
  if [[ $rc -ne 0 && $f -eq 0 ]]; then
    # Crash, hang or a failure the summary did not count: still a failure.
    f=1
    echo "$name: dotnet test exited $rc without a failing test in its summary"
    tail -30 "$out"
  elif [[ $f -gt 0 ]]; then
    grep -E '^\s+(Failed|\[FAIL\]) ' "$out" | head -30
    grep -E -A12 '\[FAIL\]' "$out" | head -80
    if [[ -f "$log_dir/$name.trx" ]]; then
      # Each failed test's message, from the trx (XML): the text of every <Message> element.
      python3 - "$log_dir/$name.trx" <<'PY' | head -60 || true
import sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
root = ET.parse(sys.argv[1]).getroot()
for result in root.iter("{%s}UnitTestResult" % ns["t"]):
    if result.get("outcome") == "Failed":
        message = result.find(".//t:Message", ns)
        print("FAILED", result.get("testName"))
        print("   ", (message.text or "").strip()[:1500] if message is not None else "(no message)")
PY
    fi
  fi
  total_passed=$((total_passed + p))
  total_failed=$((total_failed + f))
  total_skipped=$((total_skipped + s))
done

echo
echo "Logs: $log_dir"
echo "Tests: ${total_passed} passed, ${total_failed} failed, ${total_skipped} skipped"
[[ $total_failed -eq 0 && $total_passed -gt 0 ]]
