"""The GitHub loop: events, intake, drafts, routing, CODEOWNERS, PR summaries, annotations, links.

Outside the core: model, sources, rules, insights and search import none of it.
"""
