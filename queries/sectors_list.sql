-- The nine southwest Border Patrol sectors west to east, with the border counties each is drawn from (no geometry).
SELECT sector,
       sector_order,
       counties,
       county_fips,
       county_count,
       approximation_note,
       area_basis
FROM sectors
ORDER BY sector_order
