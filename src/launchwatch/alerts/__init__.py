"""The alert stage: watch sources, run new reports through the pipeline, match rules and send
alerts (webhook, Atom, CAP 1.2, e-mail), each event and rule once, revisions as updates."""
