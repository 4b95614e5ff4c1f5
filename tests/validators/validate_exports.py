"""Checks Assay's machine-readable exports with validators Assay does not
write: the CycloneDX project's own library and its bundled official 1.6
JSON schema, compliance-trestle's OSCAL models, and the JSON Schema that
Assay publishes for its own format (checked with the `jsonschema` package).

Usage: validate_exports.py cyclonedx|oscal|assay-json FILE [SCHEMA]
Prints what the validator said; exits 0 only when the file is valid.
"""

import json
import pathlib
import sys


def cyclonedx(path: pathlib.Path) -> None:
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator

    errors = JsonStrictValidator(SchemaVersion.V1_6).validate_str(path.read_text())
    if errors is not None:
        sys.exit(f"{path}: INVALID CycloneDX 1.6: {errors}")
    bom = json.loads(path.read_text())
    models = [c for c in bom.get("components", []) if c["type"] == "machine-learning-model"]
    print(
        f"{path.name}: valid CycloneDX {bom['specVersion']} (cyclonedx-python-lib strict schema); "
        f"{len(models)} model(s), {len(bom.get('components', [])) - len(models)} other component(s)"
    )


def oscal(path: pathlib.Path) -> None:
    from trestle.oscal.assessment_results import AssessmentResults

    model = AssessmentResults.oscal_read(path)
    if model is None:
        sys.exit(f"{path}: INVALID: not an OSCAL assessment-results document")
    findings = sum(len(r.findings or []) for r in model.results)
    observations = sum(len(r.observations or []) for r in model.results)
    print(
        f"{path.name}: valid OSCAL assessment results (compliance-trestle models, OSCAL "
        f"{model.metadata.oscal_version.root.root}); {len(model.results)} result(s), "
        f"{findings} finding(s), {observations} observation(s)"
    )


def assay_json(path: pathlib.Path, schema_path: pathlib.Path) -> None:
    import jsonschema

    schema = json.loads(schema_path.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(json.loads(path.read_text())))
    if errors:
        sys.exit(f"{path}: INVALID against {schema_path.name}: " + "; ".join(e.message for e in errors[:5]))
    print(f"{path.name}: valid against {schema_path.name} (jsonschema, draft 2020-12)")


def main() -> None:
    kind, file = sys.argv[1], pathlib.Path(sys.argv[2])
    if kind == "cyclonedx":
        cyclonedx(file)
    elif kind == "oscal":
        oscal(file)
    elif kind == "assay-json":
        assay_json(file, pathlib.Path(sys.argv[3]))
    else:
        sys.exit(f"unknown kind {kind}")


if __name__ == "__main__":
    main()
