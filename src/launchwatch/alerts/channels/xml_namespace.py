"""The elements of one XML namespace, for the channels that write XML (CAP and Atom).

ElementTree spells an element of a namespace ``{uri}name``, and both formats are built mostly
of elements that hold only text; :class:`XmlNamespace` writes the two once for either.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET


class XmlNamespace:
    """Tags and text elements in the namespace ``uri`` (``XmlNamespace(CAP_NAMESPACE)``)."""

    def __init__(self, uri: str) -> None:
        self.uri = uri

    def tag(self, name: str) -> str:
        """The ElementTree tag of ``name`` in this namespace."""
        return f"{{{self.uri}}}{name}"

    def add(self, parent: ET.Element, name: str, text: str) -> ET.Element:
        """A new child ``name`` of ``parent`` that holds ``text``."""
        element = ET.SubElement(parent, self.tag(name))
        element.text = text
        return element
