#!/usr/bin/env bash
# The README's build path, as a user takes it, against the artifacts that `mvn install` of the
# reactor just built (run that first). On the JDK that JAVA_HOME names, or the default one.
#   1. the README's Maven snippet appears, line for line, in examples/quickstart/pom.xml;
#   2. examples/quickstart: `mvn verify` (compiles with -Xlint:all -Werror, runs demo.Quickstart);
#   3. the README's plain javac and java commands, run as written on the quickstart's sources;
#   4. examples/modular: a named module, compiled strict and run with --module-path.
# Each step fails the script (exit status non-zero) on any error or gradient mismatch.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ -n "${JAVA_HOME:-}" ]; then export PATH="$JAVA_HOME/bin:$PATH"; fi
echo "== examples on $(java -version 2>&1 | head -1)"

# the README section every step follows
section="$(awk '/^## Using it in your build/{on=1; next} /^## /{on=0} on' "$root/README.md")"
[ -n "$section" ] || { echo "README has no '## Using it in your build' section" >&2; exit 1; }

echo "-- 1. README's Maven snippet is examples/quickstart/pom.xml's"
snippet="$(printf '%s\n' "$section" | awk '/^```xml/{on=1; next} /^```/{if (on) exit} on')"
pom="$(sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' "$root/examples/quickstart/pom.xml")"
line_no=0
while IFS= read -r want; do
  want="$(printf '%s' "$want" | sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//')"
  [ -z "$want" ] && continue
  # each snippet line must come after the previous one's match
  found="$(printf '%s\n' "$pom" | awk -v from="$line_no" -v want="$want" 'NR > from && $0 == want {print NR; exit}')"
  if [ -z "$found" ]; then
    echo "README snippet line not found (in order) in examples/quickstart/pom.xml: $want" >&2
    exit 1
  fi
  line_no="$found"
done <<< "$snippet"

echo "-- 2. examples/quickstart with Maven"
mvn -B -ntp -q -f "$root/examples/quickstart/pom.xml" clean verify

echo "-- 3. the README's javac and java commands"
version="$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$root/pom.xml" | head -1)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for module in annotations processor runtime; do
  jar="$root/$module/target/adjoint-$module-$version.jar"
  [ -f "$jar" ] || { echo "missing $jar: run mvn install in $root first" >&2; exit 1; }
  cp "$jar" "$work/adjoint-$module.jar"
done
cp -r "$root/examples/quickstart/src" "$work/src"
commands="$(printf '%s\n' "$section" | grep -E '^(javac|java) ')"
[ "$(printf '%s\n' "$commands" | wc -l)" -eq 2 ] || { echo "expected a javac and a java line in the README" >&2; exit 1; }
(cd "$work" && while IFS= read -r command; do echo "\$ $command"; eval "$command"; done <<< "$commands")
# the same compilation, strict: nothing for -Xlint to report
(cd "$work" && rm -rf out && javac -Xlint:all -Werror -processorpath adjoint-processor.jar \
  -cp adjoint-annotations.jar:adjoint-runtime.jar -d out src/main/java/demo/*.java)

echo "-- 4. examples/modular"
mvn -B -ntp -q -f "$root/examples/modular/pom.xml" clean verify
echo "== examples passed"
