print("mra-benchmarks")
