#!/usr/bin/env python3
"""make-doc.py: writes a small Word 97-2003 document (.doc) by hand.

    make-doc.py [--fast-saved | --encrypted | --word95 | --bad-pieces] OUT EXPECTED

OUT is an OLE2 compound file holding a WordDocument stream (a FIB, the
text, a page of character formatting) and a 0Table stream (the piece
table and the list of formatting pages), laid out as MS-DOC says.  It holds
what LibreOffice's writer does not: a piece of 8-bit text in code page
1252 (as Word writes Latin text) beside pieces of UTF-16, and character
runs marked deleted (a tracked change) and hidden.  Also a field (its
instructions dropped, its result kept), a line break, table cells, a
picture and a footnote mark, and a footnote.  EXPECTED receives the
paragraphs an importer must give, one a line.

The options write the documents habar-import must refuse: a fast-saved
one, an encrypted one, a Word 95 one, and one whose piece table points
past its stream.  Only the standard library is used.
"""
import struct
import sys

SECTOR = 512
FREE, END, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF

# The text: (bytes of the piece, compressed?) in character order.
BODY = [
    ("Caf\u00e9 \u2013 news: \u201cquoted\u201d\r", True),
    ("Второй абзац \x13 HYPERLINK \"http://example.kz\" \x14ссылка\x15 и"
     "\x0bперенос.\r", False),
    ("Ячейка 1\x07Ячейка 2\x07\x07Итог: СТАРОЕ скрытый новое\x01\x02.\r",
     False),
]
FOOTNOTE = ("\x02 Сноска к тексту.\r", False)
EXPECTED = [
    "Café – news: “quoted”",
    "Второй абзац ссылка и перенос.",
    "Ячейка 1",
    "Ячейка 2",
    "Итог: новое.",
    "Сноска к тексту.",
]
TEXT_AT = 2048          # where the text starts in WordDocument
FKP_PAGE = 8            # the formatting page: offset 8 * 512 = 4096


def ole2(streams):
    """A version 3 compound file holding the named streams (each padded
    to at least 4096 bytes, so that none lives in the mini stream)."""
    body, fat_chain, sectors = b"", [], []
    for name, data in streams:
        data = data + b"\0" * (max(4096, -(-len(data) // SECTOR) * SECTOR)
                               - len(data))
        sectors.append((name, len(data), data))
    nsec = 1 + sum(len(d) // SECTOR for _, _, d in sectors)  # + directory
    nfat = 1
    while nfat * (SECTOR // 4) < nsec + nfat:
        nfat += 1
    fat = [FATSECT] * nfat
    dir_sector = nfat
    fat.append(END)                     # the directory: one sector
    starts = []
    at = nfat + 1
    for name, size, data in sectors:
        n = len(data) // SECTOR
        starts.append(at)
        fat.extend(list(range(at + 1, at + n)) + [END])
        body += data
        at += n
    fat += [FREE] * (nfat * (SECTOR // 4) - len(fat))

    def entry(name, kind, start, size, left=NOSTREAM, right=NOSTREAM,
              child=NOSTREAM):
        n = (name + "\0").encode("utf-16-le")
        return (n + b"\0" * (64 - len(n)) + struct.pack(
            "<HBBIII16sIQQIQ", len(n), kind, 1, left, right, child,
            b"\0" * 16, 0, 0, 0, start, size))

    # Root, then the streams: a tree ordered by name length, then name.
    names = sorted(range(len(sectors)),
                   key=lambda i: (len(sectors[i][0]), sectors[i][0].upper()))
    entries = [None] * (1 + len(sectors))
    entries[0] = entry("Root Entry", 5, END, 0, child=1 + names[0])
    for k, i in enumerate(names):
        right = 1 + names[k + 1] if k + 1 < len(names) else NOSTREAM
        entries[1 + i] = entry(sectors[i][0], 2, starts[i], sectors[i][1],
                               right=right)
    directory = b"".join(entries)
    directory += b"\0" * (SECTOR - len(directory))
    header = struct.pack("<8s16sHHHHH6sIIIIIIIII",
                         bytes.fromhex("D0CF11E0A1B11AE1"), b"\0" * 16,
                         0x3E, 3, 0xFFFE, 9, 6, b"\0" * 6, 0, nfat,
                         dir_sector, 0, 4096, END, 0, END, 0)
    difat = list(range(nfat)) + [FREE] * (109 - nfat)
    header += struct.pack("<109I", *difat)
    fat_bytes = struct.pack("<%dI" % len(fat), *fat)
    return header + fat_bytes + directory + body


def main():
    args = sys.argv[1:]
    flags = 0
    nfib = 0x00C1
    bad_pieces = False
    while args and args[0].startswith("--"):
        opt = args.pop(0)
        if opt == "--fast-saved":
            flags |= 0x0004
        elif opt == "--encrypted":
            flags |= 0x0100
        elif opt == "--word95":
            nfib = 0x0065
        elif opt == "--bad-pieces":
            bad_pieces = True
        else:
            sys.exit("unknown option " + opt)
    out, expected = args

    # The pieces: stream offsets, CPs, and the bytes placed in the text.
    wd_text = b""
    pieces, cp = [], 0
    for text, compressed in BODY + [FOOTNOTE]:
        data = text.encode("cp1252" if compressed else "utf-16-le")
        fc = TEXT_AT + len(wd_text)
        pieces.append((cp, cp + len(text), fc, compressed))
        wd_text += data + (b"\0" if len(data) % 2 else b"")
        cp += len(text)
    ccp_text = sum(len(t) for t, _ in BODY)
    ccp_ftn = len(FOOTNOTE[0])
    if bad_pieces:
        pieces[1] = (pieces[1][0], pieces[1][1], 1 << 24, False)

    # Character runs: "СТАРОЕ " deleted, "скрытый " hidden, by stream
    # offset in the third piece; the rest unformatted.
    third = BODY[2][0]
    p3 = pieces[2][2]
    d0 = p3 + 2 * third.index("СТАРОЕ ")
    d1 = d0 + 2 * len("СТАРОЕ ")
    h1 = d1 + 2 * len("скрытый ")
    end = TEXT_AT + len(wd_text)
    fcs = [TEXT_AT, d0, d1, h1, end]
    page = bytearray(SECTOR)
    crun = len(fcs) - 1
    struct.pack_into("<%dI" % len(fcs), page, 0, *fcs)
    chpx = {1: b"\x03\x00\x08\x01", 2: b"\x03\x3C\x08\x01"}
    at = 0x1F0
    for r in range(crun):
        if r in chpx:
            at -= 8
            page[at:at + 4] = chpx[r]
            page[4 * (crun + 1) + r] = at // 2
    page[SECTOR - 1] = crun

    # The FIB: FibBase, 14 words, 22 longs, 93 pairs, no more.
    fib = bytearray(154 + 93 * 8 + 2)
    struct.pack_into("<HHHHHH", fib, 0, 0xA5EC, nfib, 0, 0x0419, 0,
                     flags)
    struct.pack_into("<H", fib, 32, 14)
    struct.pack_into("<H", fib, 62, 22)
    lw = [0] * 22
    lw[0] = FKP_PAGE * SECTOR + SECTOR
    lw[3], lw[4] = ccp_text, ccp_ftn
    struct.pack_into("<22I", fib, 64, *lw)
    struct.pack_into("<H", fib, 152, 93)

    # The table stream: the Clx (a Prc, then the Pcdt), then the
    # PlcBteChpx.
    plc = struct.pack("<%dI" % (len(pieces) + 1),
                      *([p[0] for p in pieces] + [pieces[-1][1]]))
    for _, _, fc, compressed in pieces:
        plc += struct.pack("<HIH", 0,
                           (fc * 2) | 0x40000000 if compressed else fc, 0)
    clx = b"\x01" + struct.pack("<h", 2) + b"\x00\x00"
    clx += b"\x02" + struct.pack("<I", len(plc)) + plc
    bte = struct.pack("<III", TEXT_AT, end, FKP_PAGE)
    table = clx + bte
    struct.pack_into("<II", fib, 154 + 12 * 8, len(clx), len(bte))
    struct.pack_into("<II", fib, 154 + 33 * 8, 0, len(clx))

    wd = bytes(fib) + b"\0" * (TEXT_AT - len(fib)) + wd_text
    wd += b"\0" * (FKP_PAGE * SECTOR - len(wd)) + bytes(page)
    with open(out, "wb") as f:
        f.write(ole2([("WordDocument", wd), ("0Table", table)]))
    with open(expected, "w", encoding="utf-8") as f:
        f.write("".join(p + "\n" for p in EXPECTED))


main()
