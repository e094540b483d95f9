"""Corridor Explorer: a focus (preset, port, sector, corridor or point) and a radius → every layer on both sides.

- ``focus``: parse and resolve a focus slug to a geometry and the metric projection centred on it
- ``summary``: the binational summary (population, homicides, crossings, apprehensions, deployments, corridors, fence)
- ``scorecard``: outcome indicators, baseline → latest, with their trend
"""
