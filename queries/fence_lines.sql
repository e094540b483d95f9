-- Border fence segments (Reveal 2017, ODbL) as simplified GeoJSON lines with their type and length.
SELECT fence_id,
       fence_type,
       coalesce(project, 'not given') AS project,
       length_km,
       counted_in_totals,
       ST_AsGeoJSON(ST_ReducePrecision(ST_SimplifyPreserveTopology(geometry, $tolerance), 0.0001)) AS geojson
FROM fence
ORDER BY fence_id
