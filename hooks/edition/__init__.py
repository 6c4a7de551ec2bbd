"""The edition pipeline: raw sources + human annotations -> structured edition -> Markdown pages.

Plain Python with no dependency on MkDocs, so it can be run and tested on its own
(`python -m edition generate`) and kept when the site generator changes.
"""
