"""Reading XML written by XStream (Portfolio Performance's file format): a tree that keeps each element's
line, and XStream's references resolved, both kinds: relative paths (`reference="../../account[2]"`, from
the referring element, 1-based indexes) and ids (`id="7"` ... `reference="7"`).

The parser refuses what such a file never holds (a DTD, entities), builds the tree without recursion
and resolves a reference chain at most a few dozen steps deep, so a hostile file cannot make it loop.
"""
from __future__ import annotations

import re
from typing import overload
from xml.parsers import expat

_STEP = re.compile(r"([^\[\]/]+)(?:\[(\d+)\])?")
MAX_CHAIN = 64  # a reference to a reference to ...: more than this is a broken or hostile file


class XStreamError(ValueError):
    def __init__(self, line: int | None, why: str):
        super().__init__(why)
        self.line, self.why = line, why


class Node:
    __slots__ = ("tag", "attrs", "children", "text", "line", "parent")

    def __init__(self, tag: str, attrs: dict[str, str], line: int, parent: "Node | None"):
        self.tag, self.attrs, self.line, self.parent = tag, attrs, line, parent
        self.children: list[Node] = []
        self.text = ""

    def __repr__(self) -> str:  # for messages and debugging
        return f"<{self.tag} line {self.line}>"


def parse(text: str) -> Node:
    """The document's root element; XStreamError(line, why) if it is not well-formed XML."""
    parser = expat.ParserCreate()
    parser.buffer_text = True
    stack: list[Node] = []
    root: list[Node] = []
    texts: list[list[str]] = []

    def start(tag, attrs):
        node = Node(tag, attrs, parser.CurrentLineNumber, stack[-1] if stack else None)
        if stack:
            stack[-1].children.append(node)
        else:
            root.append(node)
        stack.append(node)
        texts.append([])

    def end(_tag):
        node = stack.pop()
        node.text = "".join(texts.pop()).strip()

    def data(chunk):
        if texts:
            texts[-1].append(chunk)

    def refuse(*_args):
        raise XStreamError(parser.CurrentLineNumber, "the file declares a DTD or entities, which a Portfolio "
                                                     "Performance file never does")

    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, data
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    try:
        parser.Parse(text, True)
    except expat.ExpatError as error:
        raise XStreamError(error.lineno, f"not well-formed XML ({expat.errors.messages[error.code]}, "
                                         f"column {error.offset + 1})") from None
    if not root:
        raise XStreamError(1, "no XML element in the file")
    return root[0]


class References:
    """Resolves XStream references in one document."""

    def __init__(self, root: Node):
        self.root = root
        self._targets: dict[int, Node] = {}  # referring node -> what it refers to (resolved once)
        self._by_tag: dict[tuple[int, str], list[Node]] = {}  # (node, tag) -> its children of that tag
        self.by_id: dict[str, Node] = {}
        stack = [root]
        while stack:
            node = stack.pop()
            if "id" in node.attrs:
                self.by_id[node.attrs["id"]] = node
            stack.extend(node.children)

    def broken(self) -> list[XStreamError]:
        """Every reference in the document that leads nowhere (a damaged file), in document order."""
        found, stack = [], [self.root]
        while stack:
            node = stack.pop()
            if "reference" in node.attrs:
                try:
                    self.resolve(node)
                except XStreamError as error:
                    found.append(error)
            stack.extend(reversed(node.children))
        return found

    @overload
    def resolve(self, node: Node) -> Node: ...

    @overload
    def resolve(self, node: None) -> None: ...

    def resolve(self, node: Node | None) -> Node | None:
        if node is None:
            return None
        first = node
        if id(node) in self._targets:
            return self._targets[id(node)]
        for _ in range(MAX_CHAIN):
            if "reference" not in node.attrs:
                if first is not node:
                    self._targets[id(first)] = node
                return node
            node = self._target(node)
        raise XStreamError(node.line, "a reference chain that does not end")

    def _target(self, node: Node) -> Node:
        path = node.attrs["reference"]
        if path in self.by_id:
            return self.by_id[path]
        current: Node | None = self.root if path.startswith("/") else node
        steps = [step for step in path.split("/") if step]
        if path.startswith("/"):
            if not steps or (head := _STEP.fullmatch(steps[0])) is None or head.group(1) != self.root.tag:
                raise XStreamError(node.line, f"reference '{path}' does not lead to an element")
            steps = steps[1:]
        for step in steps:
            if current is None:
                break
            if step == "..":
                current = current.parent
                continue
            match = _STEP.fullmatch(step)
            if match is None:
                current = None
                break
            key = (id(current), match.group(1))
            same = self._by_tag.get(key)
            if same is None:
                same = self._by_tag[key] = [child for child in current.children if child.tag == match.group(1)]
            index = int(match.group(2) or 1) - 1
            current = same[index] if 0 <= index < len(same) else None
        if current is None:
            raise XStreamError(node.line, f"reference '{path}' does not lead to an element")
        return current

    def child(self, node: Node, tag: str) -> Node | None:
        for child in node.children:
            if child.tag == tag:
                return self.resolve(child)
        return None

    def children(self, node: Node | None, tag: str | None = None) -> list[Node]:
        if node is None:
            return []
        return [self.resolve(child) for child in node.children if tag is None or child.tag == tag]

    def text(self, node: Node, tag: str) -> str | None:
        found = self.child(node, tag)
        return None if found is None else found.text
