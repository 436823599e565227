#!/usr/bin/env python3
"""make-word.py: writes a release as a word processor would save it.

    make-word.py [--odt] [--extras] [--seed N] RELEASE.md OUT EXPECTED
    make-word.py --jobs FILE    (a line of the arguments above per file)

OUT is a .docx written in the manner of Microsoft Word (styles with
translated ids, runs split in the middle of words, revision ids on every
run, proofing marks, bookmarks, smart tags, simple and complex fields,
tracked insertions and deletions, comments, hidden text), or with --odt an
OpenDocument text in the manner of LibreOffice (spans split mid-word,
text:s spaces, soft page breaks, bookmarks, a tracked deletion, an
annotation).  None of the markup changes the text a reader sees.

--extras adds what a release written in Word often has: a heading in the
body, list items, a table, a footnote, a comment, a picture.  EXPECTED
receives the paragraphs an importer must give, one a line, in order.
Only the standard library is used, so that the test needs no office suite.
"""
import random
import sys
import zipfile
from xml.sax.saxutils import escape, quoteattr

LANG_MARKS = {"kk": "ru-RU", "ru": "ru-RU", "en": "en-US"}


def read_release(path):
    fields, body = {}, []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    i = 0
    if lines and lines[0] == "---":
        i = 1
        while i < len(lines) and lines[i] not in ("---", "..."):
            if ": " in lines[i]:
                k, v = lines[i].split(": ", 1)
                if len(v) >= 2 and v[0] == '"' and v[-1] == '"':
                    v = v[1:-1].replace('\\"', '"').replace("\\\\", "\\")
                fields[k] = v
            i += 1
        i += 1
    para = []
    for line in lines[i:] + [""]:
        if line.strip():
            para.append(line.strip())
        elif para:
            body.append(" ".join(para))
            para = []
    return fields, body


class Word:
    """Runs of one paragraph, split and decorated as Word does."""

    def __init__(self, rng, mark):
        self.rng = rng
        self.mark = mark
        self.ids = 0

    def rsid(self):
        return "00%06X" % self.rng.randrange(1 << 24)

    def run(self, text, extra_rpr=""):
        return ('<w:r w:rsidR="%s" w:rsidRPr="%s"><w:rPr>%s<w:lang w:val="%s"/>'
                '</w:rPr><w:t xml:space="preserve">%s</w:t></w:r>'
                % (self.rsid(), self.rsid(), extra_rpr, self.mark, escape(text)))

    def pieces(self, text):
        """Splits text at random points, words cut in two included."""
        cuts = sorted(self.rng.sample(range(1, len(text)),
                                      min(len(text) - 1, max(1, len(text) // 25))))
        out, last = [], 0
        for c in cuts + [len(text)]:
            if c > last:
                out.append(text[last:c])
            last = c
        return out

    def paragraph(self, text, extras=False):
        xml = []
        for n, piece in enumerate(self.pieces(text)):
            self.ids += 1
            k = self.rng.randrange(12)
            if k == 0:
                xml.append('<w:proofErr w:type="spellStart"/>' + self.run(piece)
                           + '<w:proofErr w:type="spellEnd"/>')
            elif k == 1:
                xml.append('<w:bookmarkStart w:id="%d" w:name="_Hlk%d"/>%s'
                           '<w:bookmarkEnd w:id="%d"/>'
                           % (self.ids, 1000 + self.ids, self.run(piece), self.ids))
            elif k == 2:
                xml.append('<w:smartTag w:uri="urn:schemas-microsoft-com:office:'
                           'smarttags" w:element="metricconverter"><w:smartTagPr>'
                           '<w:attr w:name="ProductID" w:val="%s"/></w:smartTagPr>'
                           '%s</w:smartTag>' % (escape(piece[:8], {'"': "&quot;"}),
                                                self.run(piece)))
            elif k == 3:
                xml.append('<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r>'
                           '<w:instrText xml:space="preserve"> HYPERLINK '
                           '"https://example.kz/press" \\o "ссылка" </w:instrText>'
                           '</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                           '%s<w:r><w:fldChar w:fldCharType="end"/></w:r>'
                           % self.run(piece, '<w:rStyle w:val="a7"/>'))
            elif k == 4:
                xml.append('<w:fldSimple w:instr=" DOCPROPERTY  Company  \\* '
                           'MERGEFORMAT ">%s</w:fldSimple>' % self.run(piece))
            elif k == 5:
                xml.append('<w:ins w:id="%d" w:author="Редактор" w:date='
                           '"2026-11-20T10:00:00Z">%s</w:ins>'
                           % (self.ids, self.run(piece)))
            elif k == 6:
                xml.append('%s<w:del w:id="%d" w:author="Редактор" w:date='
                           '"2026-11-20T10:01:00Z"><w:r w:rsidDel="%s"><w:delText '
                           'xml:space="preserve">УДАЛЁННЫЙ ТЕКСТ </w:delText>'
                           '</w:r></w:del>' % (self.run(piece), self.ids, self.rsid()))
            elif k == 7:
                xml.append(self.run(piece) + '<w:r><w:rPr><w:vanish/></w:rPr>'
                           '<w:t>СКРЫТЫЙ ТЕКСТ</w:t></w:r>')
            elif k == 8:
                xml.append('<w:hyperlink r:id="rId99" w:history="1">%s</w:hyperlink>'
                           % self.run(piece, '<w:rStyle w:val="a7"/>'))
            else:
                xml.append(self.run(piece))
        return "".join(xml)


W_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
        'mc:Ignorable="w14"')
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'


def styles_xml(mark):
    # Ids as a Russian Word writes them: "1" for heading 1, "a3" for Title.
    def style(sid, name, extra=""):
        return ('<w:style w:type="paragraph" w:styleId="%s"><w:name w:val="%s"/>'
                '<w:basedOn w:val="a"/><w:qFormat/>%s</w:style>' % (sid, name, extra))
    return (HEAD + '<w:styles %s><w:docDefaults><w:rPrDefault><w:rPr>'
            '<w:lang w:val="%s" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr>'
            '</w:rPrDefault></w:docDefaults>'
            '<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name '
            'w:val="Normal"/><w:qFormat/></w:style>' % (W_NS, mark)
            + style("1", "heading 1", '<w:pPr><w:outlineLvl w:val="0"/></w:pPr>')
            + style("2", "heading 2", '<w:pPr><w:outlineLvl w:val="1"/></w:pPr>')
            + style("a3", "Title")
            + style("a5", "List Paragraph")
            + '<w:style w:type="character" w:styleId="a7"><w:name w:val="Hyperlink"/>'
            '</w:style></w:styles>')


def docx(fields, body, out, rng, extras):
    mark = LANG_MARKS.get(fields.get("lang", "en"), "en-US")
    w = Word(rng, mark)
    expected = []
    paras = []
    title = fields.get("title")
    if title:
        paras.append('<w:p w:rsidR="%s" w:rsidRDefault="%s"><w:pPr><w:pStyle '
                     'w:val="a3"/></w:pPr>%s</w:p>'
                     % (w.rsid(), w.rsid(), w.paragraph(title)))
    for n, text in enumerate(body):
        if extras and n == 1:
            paras.append('<w:p><w:pPr><w:pStyle w:val="2"/></w:pPr>%s</w:p>'
                         % w.paragraph("Heading in the body"))
            expected.append("Heading in the body")
        foot = ""
        if extras and n == 0:
            foot = ('<w:r><w:rPr><w:rStyle w:val="a9"/></w:rPr><w:footnoteReference '
                    'w:id="1"/></w:r><w:commentRangeStart w:id="0"/>%s'
                    '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/>'
                    '</w:r>' % w.run(" "))
        paras.append('<w:p w:rsidR="%s" w:rsidRDefault="%s" w:rsidP="%s"><w:pPr>'
                     '<w:spacing w:after="120"/><w:jc w:val="both"/><w:rPr><w:lang '
                     'w:val="%s"/></w:rPr></w:pPr>%s%s</w:p>'
                     % (w.rsid(), w.rsid(), w.rsid(), mark, w.paragraph(text), foot))
        expected.append(text)
    if extras:
        for item in ("First item of the list", "Second item of the list"):
            paras.append('<w:p><w:pPr><w:pStyle w:val="a5"/><w:numPr><w:ilvl '
                         'w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>%s</w:p>'
                         % w.paragraph(item))
            expected.append(item)
        cells = [["Cell one", "Cell two"], ["Cell three", "Cell four"]]
        rows = "".join("<w:tr>%s</w:tr>" % "".join(
            '<w:tc><w:tcPr><w:tcW w:w="4000" w:type="dxa"/></w:tcPr><w:p>%s</w:p></w:tc>'
            % w.paragraph(c) for c in row) for row in cells)
        paras.append('<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>'
                     '<w:tblGrid><w:gridCol w:w="4000"/><w:gridCol w:w="4000"/>'
                     '</w:tblGrid>%s</w:tbl><w:p/>' % rows)
        expected += [c for row in cells for c in row]
        paras.append('<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.'
                     'openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
                     '<wp:docPr id="1" name="Picture 1" descr="photo"/></wp:inline>'
                     '</w:drawing></w:r></w:p>')
        expected.append("The footnote's text.")
    document = (HEAD + '<w:document %s><w:body>%s<w:sectPr w:rsidR="%s">'
                '<w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>'
                % (W_NS, "".join(paras), w.rsid()))
    footnotes = (HEAD + '<w:footnotes %s><w:footnote w:type="separator" w:id="-1">'
                 '<w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote '
                 'w:type="continuationSeparator" w:id="0"><w:p><w:r>'
                 '<w:continuationSeparator/></w:r></w:p></w:footnote>'
                 '%s</w:footnotes>'
                 % (W_NS, '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>'
                    '%s</w:p></w:footnote>' % w.run(" The footnote's text.")
                    if extras else ""))
    comments = (HEAD + '<w:comments %s><w:comment w:id="0" w:author="Редактор">'
                '<w:p>%s</w:p></w:comment></w:comments>'
                % (W_NS, w.run("A COMMENT THAT MUST NOT APPEAR")))
    ct = (HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
          'content-types"><Default Extension="rels" ContentType="application/'
          'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
          'ContentType="application/xml"/><Default Extension="png" ContentType='
          '"image/png"/><Override PartName="/word/document.xml" ContentType='
          '"application/vnd.openxmlformats-officedocument.wordprocessingml.'
          'document.main+xml"/><Override PartName="/word/styles.xml" ContentType='
          '"application/vnd.openxmlformats-officedocument.wordprocessingml.styles'
          '+xml"/><Override PartName="/word/footnotes.xml" ContentType="application'
          '/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
          '<Override PartName="/word/comments.xml" ContentType="application/vnd.'
          'openxmlformats-officedocument.wordprocessingml.comments+xml"/>'
          '<Override PartName="/docProps/core.xml" ContentType="application/vnd.'
          'openxmlformats-package.core-properties+xml"/></Types>')
    rels = (HEAD + '<Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://'
            'schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="word/document.xml"/><Relationship Id="rId2" '
            'Type="http://schemas.openxmlformats.org/package/2006/relationships/'
            'metadata/core-properties" Target="docProps/core.xml"/></Relationships>')
    rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    doc_rels = (HEAD + '<Relationships xmlns="http://schemas.openxmlformats.org/'
                'package/2006/relationships"><Relationship Id="rId1" Type="%sstyles" '
                'Target="styles.xml"/><Relationship Id="rId2" Type="%sfootnotes" '
                'Target="footnotes.xml"/><Relationship Id="rId3" Type="%scomments" '
                'Target="comments.xml"/><Relationship Id="rId99" Type="%shyperlink" '
                'Target="https://example.kz/press" TargetMode="External"/>'
                '</Relationships>' % (rel, rel, rel, rel))
    # Word leaves the title property empty and names the last editor.
    core = (HEAD + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/'
            'package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/'
            'elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi='
            '"http://www.w3.org/2001/XMLSchema-instance"><dc:title></dc:title>'
            '<dc:creator>Пресс-служба</dc:creator><dcterms:created xsi:type='
            '"dcterms:W3CDTF">2026-01-15T09:00:00Z</dcterms:created>'
            '</cp:coreProperties>')
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", ct)
        z.writestr("_rels/.rels", rels)
        z.writestr("word/document.xml", document)
        z.writestr("word/_rels/document.xml.rels", doc_rels)
        z.writestr("word/styles.xml", styles_xml(mark))
        z.writestr("word/footnotes.xml", footnotes)
        z.writestr("word/comments.xml", comments)
        z.writestr("docProps/core.xml", core)
        if extras:
            z.writestr("word/media/image1.png", b"\x89PNG\r\n\x1a\n" + bytes(64))
    return expected


def odt(fields, body, out, rng, extras):
    lang = fields.get("lang", "en")
    country = {"kk": "KZ", "ru": "RU", "en": "US"}.get(lang, "US")
    expected = []

    def spans(text):
        out, last = [], 0
        cuts = sorted(rng.sample(range(1, len(text)), min(len(text) - 1, 6)))
        for c in cuts + [len(text)]:
            piece = text[last:c]
            last = c
            k = rng.randrange(6)
            # Runs of spaces as ODF writes them: one space, then text:s.
            piece = escape(piece).replace("  ", ' <text:s text:c="1"/>')
            if k == 0:
                out.append('<text:span text:style-name="T1">%s</text:span>' % piece)
            elif k == 1:
                out.append('<text:bookmark text:name="b%d"/>%s' % (c, piece))
            elif k == 2:
                out.append('%s<text:soft-page-break/>' % piece)
            elif k == 3:
                out.append('<text:change-start text:change-id="ct1"/>'
                           '<text:change-end text:change-id="ct1"/>%s' % piece)
            else:
                out.append(piece)
        return "".join(out)

    paras = []
    if fields.get("title"):
        paras.append('<text:h text:style-name="Heading_20_1" text:outline-level='
                     '"1">%s</text:h>' % spans(fields["title"]))
    for n, text in enumerate(body):
        note = ""
        if extras and n == 0:
            note = ('<text:note text:id="ftn1" text:note-class="footnote">'
                    '<text:note-citation>1</text:note-citation><text:note-body>'
                    '<text:p text:style-name="Footnote">The footnote\'s text.'
                    '</text:p></text:note-body></text:note><office:annotation>'
                    '<dc:creator>Редактор</dc:creator><text:p>A COMMENT THAT MUST '
                    'NOT APPEAR</text:p></office:annotation>')
        paras.append('<text:p text:style-name="P1">%s%s</text:p>' % (spans(text), note))
        expected.append(text)
    if extras:
        paras.append('<text:list text:style-name="L1"><text:list-item><text:p>'
                     'First item of the list</text:p></text:list-item>'
                     '<text:list-item><text:p>Second item of the list</text:p>'
                     '</text:list-item></text:list><table:table table:name="T">'
                     '<table:table-column table:number-columns-repeated="2"/>'
                     '<table:table-row><table:table-cell><text:p>Cell one</text:p>'
                     '</table:table-cell><table:table-cell><text:p>Cell two</text:p>'
                     '</table:table-cell></table:table-row></table:table>'
                     '<text:p><draw:frame draw:name="Image1"><draw:image '
                     'xlink:href="Pictures/photo1.png"/></draw:frame></text:p>')
        expected += ["First item of the list", "Second item of the list",
                     "Cell one", "Cell two", "The footnote's text."]
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
          'xmlns:xlink="http://www.w3.org/1999/xlink" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/" '
          'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
          'office:version="1.3"')
    content = ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content '
               '%s><office:automatic-styles><style:style style:name="P1" '
               'style:family="paragraph" style:parent-style-name="Standard">'
               '<style:text-properties fo:language="%s" fo:country="%s"/>'
               '</style:style><style:style style:name="T1" style:family="text">'
               '<style:text-properties fo:font-weight="bold"/></style:style>'
               '</office:automatic-styles><office:body><office:text>'
               '<text:tracked-changes><text:changed-region text:id="ct1">'
               '<text:deletion><office:change-info><dc:creator>Редактор</dc:creator>'
               '</office:change-info><text:p>УДАЛЁННЫЙ ТЕКСТ</text:p></text:deletion>'
               '</text:changed-region></text:tracked-changes><text:sequence-decls>'
               '<text:sequence-decl text:display-outline-level="0" text:name='
               '"Illustration"/></text:sequence-decls>%s</office:text></office:body>'
               '</office:document-content>' % (ns, lang, country, "".join(paras)))
    styles = ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles %s>'
              '<office:styles><style:default-style style:family="paragraph">'
              '<style:text-properties fo:language="en" fo:country="US"/>'
              '</style:default-style><style:style style:name="Standard" '
              'style:family="paragraph"/></office:styles></office:document-styles>'
              % ns)
    meta = ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta %s>'
            '<office:meta><meta:initial-creator>Пресс-служба</meta:initial-creator>'
            '<meta:creation-date>2026-01-15T09:00:00</meta:creation-date>'
            '<meta:user-defined meta:name="contact">%s</meta:user-defined>'
            '</office:meta></office:document-meta>'
            % (ns, escape(fields.get("contact", "press@example.kz"))))
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest xmlns:'
                'manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
                'manifest:version="1.3"><manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
                '<manifest:file-entry manifest:full-path="content.xml" '
                'manifest:media-type="text/xml"/><manifest:file-entry '
                'manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
                '<manifest:file-entry manifest:full-path="meta.xml" '
                'manifest:media-type="text/xml"/></manifest:manifest>')
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"),
                   "application/vnd.oasis.opendocument.text",
                   compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", content)
        z.writestr("styles.xml", styles)
        z.writestr("meta.xml", meta)
        z.writestr("META-INF/manifest.xml", manifest)
        if extras:
            z.writestr("Pictures/photo1.png", b"\x89PNG\r\n\x1a\n" + bytes(64))
    return expected


def main(argv):
    if len(argv) == 2 and argv[0] == "--jobs":
        with open(argv[1], encoding="utf-8") as f:
            for line in f:
                if line.split() and main(line.split()) != 0:
                    return 2
        return 0
    args, opts = [], {"odt": False, "extras": False, "seed": 1}
    it = iter(argv)
    for a in it:
        if a == "--odt":
            opts["odt"] = True
        elif a == "--extras":
            opts["extras"] = True
        elif a == "--seed":
            opts["seed"] = int(next(it))
        else:
            args.append(a)
    if len(args) != 3:
        sys.stderr.write(__doc__)
        return 2
    fields, body = read_release(args[0])
    rng = random.Random(opts["seed"])
    make = odt if opts["odt"] else docx
    expected = make(fields, body, args[1], rng, opts["extras"])
    with open(args[2], "w", encoding="utf-8") as f:
        f.write("".join(p + "\n" for p in expected))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
