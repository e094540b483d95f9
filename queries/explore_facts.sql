-- Everything the explorer knows about a focus buffer, in one statement (one row of lists, each a list of rows): found = what the buffer touches (counties/municipios and sectors with the share of their area inside, ports and city homicide points inside, corridors, located deployments and fence segments crossing it, the buffer itself, with the outlines the map draws); then every year of the homicide rows of the places touched and of the cities inside, inbound crossings per year and measure at the ports inside, and Border Patrol figures per fiscal year in the sectors touched. $proj is an azimuthal equidistant projection centred on the focus; the bbox columns keep far shapes out before any projection.
-- One statement, not five: each DuckDB statement costs a few milliseconds to plan and hand over whatever its size.
-- Shapes come from explore_shapes (simplified to ~100 m at build time, with their surface point and drawn outline),
-- so the pass only projects, buffers and intersects. Lon/lat is named by ellipsoid, not 'EPSG:4326': the same WGS84
-- coordinates, but PROJ then builds the aeqd step without a datum look-up in its database (~10 ms a statement).
WITH zone AS (
    SELECT ST_Buffer(ST_Transform(ST_GeomFromText($focus_wkt), '+proj=longlat +ellps=WGS84 +no_defs', $proj,
                                  always_xy := true), $radius_m, 16) AS g
),
candidates AS (
    SELECT kind, key, name, country, extra, lon, lat, geojson, geometry
    FROM explore_shapes
    WHERE bbox.xmin <= $max_lon AND bbox.xmax >= $min_lon AND bbox.ymin <= $max_lat AND bbox.ymax >= $min_lat
    UNION ALL
    SELECT 'port', port_key, port_name, 'US', port_code, lon, lat, NULL, geometry
    FROM ports
    WHERE lon BETWEEN $min_lon AND $max_lon AND lat BETWEEN $min_lat AND $max_lat
    UNION ALL
    SELECT DISTINCT 'city', country || ':' || place, place, country, NULL, lon, lat, NULL, ST_Point(lon, lat)
    FROM homicides
    WHERE geo_level = 'city' AND lon BETWEEN $min_lon AND $max_lon AND lat BETWEEN $min_lat AND $max_lat
),
projected AS (
    SELECT kind, key, name, country, extra, lon, lat, geojson,
           ST_Transform(geometry, '+proj=longlat +ellps=WGS84 +no_defs', $proj, always_xy := true) AS g
    FROM candidates
),
found AS MATERIALIZED (
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
           p.geojson
    FROM projected AS p, zone
    WHERE ST_Intersects(p.g, zone.g)
    UNION ALL
    SELECT 'zone', NULL, NULL, NULL, NULL, NULL, ST_Area(g) / 1e6, NULL, NULL, NULL,
           ST_AsGeoJSON(ST_ReducePrecision(ST_Transform(g, $proj, '+proj=longlat +ellps=WGS84 +no_defs', always_xy := true),
                                           0.0001))
    FROM zone
),
place_homicides AS (
    SELECT country, code, name, year, measure, homicides, population, rate_per_100k, period, months
    FROM homicides
    WHERE geo_level = 'municipality' AND code IN (SELECT key FROM found WHERE kind = 'place')
),
city_homicides AS (
    SELECT country, code, place, year, measure, homicides, population, rate_per_100k, source, period, months
    FROM homicides
    WHERE geo_level = 'city' AND country || ':' || place IN (SELECT key FROM found WHERE kind = 'city')
),
crossings_by_year AS (  -- total, months with a figure and ports reporting, per calendar year and measure
    SELECT year(date) AS year,
           measure,
           sum(value) AS total,
           count(DISTINCT date) AS months_reported,
           count(DISTINCT port_code) AS ports_reporting
    FROM crossings
    WHERE port_code IN (SELECT extra FROM found WHERE kind = 'port')
    GROUP BY ALL
),
sector_figures AS (  -- exact monthly apprehensions summed (months present), and OHSS rounded annual encounters
    SELECT fiscal_year, sector, measure, sum(encounters) AS encounters, count(*) AS months, false AS partial
    FROM encounters
    WHERE measure = 'usbp_apprehensions' AND sector IN (SELECT key FROM found WHERE kind = 'sector')
    GROUP BY fiscal_year, sector, measure
    UNION ALL
    SELECT fiscal_year, sector, measure, encounters, months_covered AS months, partial
    FROM encounters_annual
    WHERE sector IN (SELECT key FROM found WHERE kind = 'sector')
)
SELECT (SELECT list(f) FROM found AS f) AS found,
       (SELECT list(h ORDER BY h.measure, h.year, h.code) FROM place_homicides AS h) AS place_homicides,
       (SELECT list(h ORDER BY h.country DESC, h.measure, h.place, h.year) FROM city_homicides AS h) AS city_homicides,
       (SELECT list(c ORDER BY c.year, c.total DESC, c.measure) FROM crossings_by_year AS c) AS crossings,
       (SELECT list(s ORDER BY s.measure, s.fiscal_year, s.sector) FROM sector_figures AS s) AS encounters
