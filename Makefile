# The two commands of the README's Quick start. Both install what is missing.
.PHONY: deps demo test

deps:
	@scripts/ensure-deps.sh

# Plan the bundled default scenario, check the plan, write it to out/.
demo: deps
	cargo run --release -- solve scenarios/default.json --out out --check --time-limit 60 --html

# The whole test suite (one release profile, so HiGHS is compiled once);
# its browser test renders the HTML report in headless Chromium.
test:
	@scripts/ensure-deps.sh --browser
	cargo test --release
