"""Reference views of `make bench` (bench/README.md): outside the product's `mutiroes` package,
routed only when BENCH_MINIMAL_VIEW=1."""
