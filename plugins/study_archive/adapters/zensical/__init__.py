"""The Zensical adapter: the archive built by Zensical, which runs no plugin of ours yet.

`assemble` writes the archive as a complete Zensical project before the build, `rendering` is the Markdown
extension Zensical runs the archive's extensions through, and `finish` does after the build what MkDocs' post-build
events do in the MkDocs adapter. When Zensical's module API is public, these become the module's hooks.
"""
