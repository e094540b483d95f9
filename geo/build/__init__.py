"""Build stage: raw public files → ``data/*.parquet`` + ``data/manifest.json``.

- ``inputs``: every input file, named once
- ``sources/``: one pure parser per publisher/format
- ``layers/``: one module (or package) per layer family, each declaring its ``LAYERS`` (``spec.LayerSpec``)
- ``registry``: collects the ``LAYERS`` of every module in ``layers/``
- ``pipeline``: runs the builders, writes the files and the manifest
"""
