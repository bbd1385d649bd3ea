"""Parses an OpenMetrics text exposition from standard input with the Prometheus
project's own Python parser (prometheus_client), strictly, and prints every sample as
one JSON document: {"families": [{"name", "type", "help", "unit"}], "samples": [{"name",
"labels", "value"}]}. A malformed exposition exits non-zero with the parser's error.
"""

import json
import sys

from prometheus_client.openmetrics.parser import text_string_to_metric_families


def main():
    families = []
    samples = []
    for family in text_string_to_metric_families(sys.stdin.read()):
        families.append(
            {"name": family.name, "type": family.type, "help": family.documentation, "unit": family.unit}
        )
        for sample in family.samples:
            samples.append({"name": sample.name, "labels": sample.labels, "value": sample.value})
    json.dump({"families": families, "samples": samples}, sys.stdout)


if __name__ == "__main__":
    main()
