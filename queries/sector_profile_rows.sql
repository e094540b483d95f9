-- Sector profile rows (FY2011–FY2017) of one sector, or of 'Southwest border (printed total)' (FY2017 only); NULL = not in the source.
SELECT sector,
       fiscal_year,
       is_printed_total,
       staffing,
       apprehensions,
       other_than_mexican,
       marijuana_lb,
       cocaine_lb,
       prosecutions,
       assaults,
       rescues,
       deaths
FROM sector_profiles
WHERE sector = $sector
ORDER BY fiscal_year
