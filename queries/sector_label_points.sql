-- A point inside each southwest sector polygon (border-county approximation), where the map writes its name.
SELECT sector,
       sector_order,
       ST_X(ST_PointOnSurface(geometry)) AS lon,
       ST_Y(ST_PointOnSurface(geometry)) AS lat
FROM sectors
ORDER BY sector_order
