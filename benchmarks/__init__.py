"""Benchmarks: each figure measured against a baseline run side by side, in one command.

python -m benchmarks [--only NAME ...] [--json FILE] [--quick]
"""
