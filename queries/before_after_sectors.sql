-- Border Patrol sectors a deployment covers: border-wide → all nine; a US state polygon → the sectors with at least 5 % of their drawn area in it; a Mexican state polygon → the sectors across the line from it (within 1 km: the outlines are generalised); a city/site/region point → the sectors within $radius_km of it; no geometry otherwise. Metres in NAD83 / Conus Albers (EPSG:5070); sectors are the border-county approximation.
WITH deployment AS (
    SELECT scope,
           country,
           geometry IS NOT NULL AS located,
           ST_Transform(geometry, 'EPSG:4326', 'EPSG:5070', always_xy := true) AS g
    FROM deployments
    WHERE deployment_id = $deployment_id
),
measured AS (
    SELECT s.sector,
           s.sector_order,
           d.scope,
           d.country,
           d.located,
           ST_Distance(ST_Transform(s.geometry, 'EPSG:4326', 'EPSG:5070', always_xy := true), d.g) / 1000
               AS distance_km,
           CASE WHEN d.scope = 'state' AND d.country = 'US' THEN
               ST_Area(ST_Intersection(ST_Transform(s.geometry, 'EPSG:4326', 'EPSG:5070', always_xy := true), d.g))
               / ST_Area(ST_Transform(s.geometry, 'EPSG:4326', 'EPSG:5070', always_xy := true))
           END AS share_in_state
    FROM sectors AS s, deployment AS d
)
SELECT sector,
       sector_order,
       distance_km,
       share_in_state,
       CASE
           WHEN scope = 'border' THEN 'border-wide: all nine southwest sectors'
           WHEN scope = 'state' AND country = 'US' THEN 'at least 5 % of the drawn sector in the state'
           WHEN scope = 'state' THEN 'across the line from the state (within 1 km)'
           ELSE 'within ' || CAST($radius_km AS INTEGER) || ' km'
       END AS rule
FROM measured
WHERE CASE
          WHEN scope = 'border' THEN true
          WHEN NOT located THEN false
          WHEN scope = 'state' AND country = 'US' THEN share_in_state >= 0.05
          WHEN scope = 'state' THEN distance_km <= 1.0
          ELSE distance_km <= CAST($radius_km AS DOUBLE)
      END
ORDER BY sector_order
