-- The explorer's named crossing regions, in display order, with their ports as WKT.
SELECT slug, name, name_es, port_codes, port_names, anchor_places, basis, source, ST_AsText(geometry) AS wkt
FROM focus_presets
ORDER BY seq
