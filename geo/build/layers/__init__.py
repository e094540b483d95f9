"""One module (or package) per layer family; each declares ``LAYERS``, a tuple of ``LayerSpec``.

``geo.build.registry`` imports every module here, so a new layer is a new module: nothing else to edit.
"""
