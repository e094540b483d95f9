-- Everything the focus buffer touches, in one pass (one projection set-up): counties/municipios with the share of their area inside, ports and city homicide points inside, sectors, corridors, located deployments and fence segments crossing it, the buffer itself, and simplified GeoJSON outlines of the places and corridor lines the map draws. $proj is an azimuthal equidistant projection centred on the focus; the bbox columns skip far row groups.
-- Lon/lat is named by ellipsoid, not 'EPSG:4326': the same WGS84 coordinates, but PROJ then builds the aeqd step
-- without a datum look-up in its database (~10 ms a statement).
WITH zone AS (
    SELECT ST_Buffer(ST_Transform(ST_GeomFromText($focus_wkt), '+proj=longlat +ellps=WGS84 +no_defs', $proj,
                                  always_xy := true), $radius_m, 16) AS g
),
features AS (
    SELECT 'place' AS kind, code AS key, name, country, state_code AS extra, NULL::INTEGER AS year, geometry
    FROM admin2
    WHERE bbox.xmin <= $max_lon AND bbox.xmax >= $min_lon AND bbox.ymin <= $max_lat AND bbox.ymax >= $min_lat
    UNION ALL
    SELECT 'port', port_key, port_name, 'US', port_code, NULL, geometry
    FROM ports
    WHERE lon BETWEEN $min_lon AND $max_lon AND lat BETWEEN $min_lat AND $max_lat
    UNION ALL
    SELECT 'sector', sector, sector, 'US', area_basis, NULL, geometry
    FROM sectors
    WHERE bbox.xmin <= $max_lon AND bbox.xmax >= $min_lon AND bbox.ymin <= $max_lat AND bbox.ymax >= $min_lat
    UNION ALL
    SELECT 'fence', fence_id, fence_type, 'US', fence_type, NULL, geometry
    FROM fence
    WHERE counted_in_totals
      AND bbox.xmin <= $max_lon AND bbox.xmax >= $min_lon AND bbox.ymin <= $max_lat AND bbox.ymax >= $min_lat
    UNION ALL
    SELECT 'corridor', corridor_id, name, NULL, direction, NULL, geometry
    FROM corridors
    WHERE bbox.xmin <= $max_lon AND bbox.xmax >= $min_lon AND bbox.ymin <= $max_lat AND bbox.ymax >= $min_lat
    UNION ALL
    SELECT 'deployment', deployment_id, operation, country, scope, NULL, geometry
    FROM deployments
    WHERE geometry IS NOT NULL
      AND bbox.xmin <= $max_lon AND bbox.xmax >= $min_lon AND bbox.ymin <= $max_lat AND bbox.ymax >= $min_lat
    UNION ALL
    SELECT DISTINCT 'city', country || ':' || place, place, country, NULL, NULL, ST_Point(lon, lat)
    FROM homicides
    WHERE geo_level = 'city' AND lon BETWEEN $min_lon AND $max_lon AND lat BETWEEN $min_lat AND $max_lat
),
projected AS (
    SELECT kind, key, name, country, extra,
           ST_X(ST_PointOnSurface(geometry)) AS lon, ST_Y(ST_PointOnSurface(geometry)) AS lat,
           CASE WHEN kind = 'place' THEN ST_ReducePrecision(ST_SimplifyPreserveTopology(geometry, 0.003), 0.001)
                WHEN kind = 'corridor' THEN geometry END AS drawn,
           -- shares and lengths on lightly simplified shapes (~100 m): the figures move by well under 1 %
           ST_Transform(ST_SimplifyPreserveTopology(geometry, 0.001), '+proj=longlat +ellps=WGS84 +no_defs', $proj,
                        always_xy := true) AS g
    FROM features
)
SELECT p.kind,
       p.key,
       p.name,
       p.country,
       p.extra,
       CASE WHEN p.kind IN ('place', 'sector') THEN ST_Area(ST_Intersection(p.g, zone.g)) / ST_Area(p.g) END
           AS share_inside,
       CASE WHEN p.kind IN ('place', 'sector') THEN ST_Area(ST_Intersection(p.g, zone.g)) / 1e6 END AS km2_inside,
       CASE WHEN p.kind = 'fence' THEN ST_Length(ST_Intersection(p.g, zone.g)) / 1000 END AS km_inside,
       p.lon,
       p.lat,
       ST_AsGeoJSON(p.drawn) AS geojson
FROM projected AS p, zone
WHERE ST_Intersects(p.g, zone.g)
UNION ALL
SELECT 'zone', NULL, NULL, NULL, NULL, NULL, ST_Area(g) / 1e6, NULL, NULL, NULL,
       ST_AsGeoJSON(ST_ReducePrecision(ST_Transform(g, $proj, '+proj=longlat +ellps=WGS84 +no_defs', always_xy := true),
                                       0.0001))
FROM zone
