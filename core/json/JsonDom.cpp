#include "JsonDom.h"

#include <QLatin1String>

#include <algorithm>
#include <bit>
#include <charconv>
#include <cstring>

namespace creditdesk::json {

namespace {

constexpr int NestingLimit = 1024; // as Qt's parser

using Byte = unsigned char;

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

int hexValue(Byte c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// One UTF-8 sequence at p (its first byte is >= 0x80), checked as Qt checks it: no overlong
// forms, no surrogates, nothing above U+10FFFF, not cut short; noncharacters are fine.
bool utf8Sequence(const Byte *&p, const Byte *end, char32_t &out)
{
    const Byte b = *p;
    qsizetype need;
    char32_t min, uc;
    if (b <= 0xC1) {
        return false;
    } else if (b < 0xE0) {
        need = 2;
        min = 0x80;
        uc = b & 0x1f;
    } else if (b < 0xF0) {
        need = 3;
        min = 0x800;
        uc = b & 0x0f;
    } else if (b < 0xF5) {
        need = 4;
        min = 0x10000;
        uc = b & 0x07;
    } else {
        return false;
    }
    if (end - p < need)
        return false;
    for (qsizetype i = 1; i < need; ++i) {
        if ((p[i] & 0xC0) != 0x80)
            return false;
        uc = (uc << 6) | (p[i] & 0x3f);
    }
    if (uc < min || (uc >= 0xD800 && uc <= 0xDFFF) || uc > 0x10FFFF)
        return false;
    p += need;
    out = uc;
    return true;
}

void append(QString &out, char32_t ch)
{
    // As QChar::fromUcs4: a code point above the BMP becomes a surrogate pair; a lone
    // surrogate from a \u escape stays as it is.
    if (ch < 0x10000) {
        out.append(QChar(char16_t(ch)));
    } else {
        out.append(QChar(QChar::highSurrogate(ch)));
        out.append(QChar(QChar::lowSurrogate(ch)));
    }
}

// Decodes a string with escapes the way Qt's parser does (the bytes were checked already).
QString unescape(const char *text, qsizetype bytes)
{
    QString out;
    out.reserve(bytes);
    const Byte *p = reinterpret_cast<const Byte *>(text);
    const Byte *end = p + bytes;
    while (p < end) {
        char32_t ch = *p;
        if (ch == '\\') {
            const Byte escaped = p[1];
            p += 2;
            switch (escaped) {
            case 'b':
                ch = 0x8;
                break;
            case 'f':
                ch = 0xc;
                break;
            case 'n':
                ch = 0xa;
                break;
            case 'r':
                ch = 0xd;
                break;
            case 't':
                ch = 0x9;
                break;
            case 'u':
                ch = 0;
                for (int i = 0; i < 4; ++i)
                    ch = (ch << 4) | char32_t(hexValue(p[i]));
                p += 4;
                break;
            default: // '"', '\\', '/' and, leniently as Qt, any other byte as itself
                ch = escaped;
                break;
            }
        } else if (ch < 0x80) {
            ++p;
        } else if (!utf8Sequence(p, end, ch)) {
            break; // cannot happen: the parser checked the bytes
        }
        append(out, ch);
    }
    return out;
}

} // namespace

// ---- strings ------------------------------------------------------------------------------

QString toString(const Node &node)
{
    switch (node.flags) {
    case PlainAscii:
        return QString::fromLatin1(node.text, node.bytes);
    case PlainUtf8:
        return QString::fromUtf8(node.text, node.bytes);
    default:
        return unescape(node.text, node.bytes);
    }
}

bool equalsAscii(const Node &node, std::string_view ascii)
{
    if (node.flags != Escaped)
        return std::size_t(node.bytes) == ascii.size() &&
               std::memcmp(node.text, ascii.data(), ascii.size()) == 0;
    return toString(node) == QLatin1String(ascii.data(), qsizetype(ascii.size()));
}

bool equals(const Node &node, const QString &text)
{
    if (node.flags != PlainAscii)
        return toString(node) == text;
    if (node.bytes != text.size())
        return false;
    const QChar *chars = text.constData();
    for (qsizetype i = 0; i < node.bytes; ++i)
        if (chars[i].unicode() != Byte(node.text[i]))
            return false;
    return true;
}

// ---- the document -------------------------------------------------------------------------

void Document::grow()
{
    const std::uint32_t capacity = m_capacity ? m_capacity * 2 : 64;
    std::unique_ptr<Node[]> nodes(new Node[capacity]);
    std::copy(m_nodes.get(), m_nodes.get() + m_size, nodes.get());
    m_nodes = std::move(nodes);
    m_capacity = capacity;
}

bool Document::keyIs(std::uint32_t key, std::string_view name) const
{
    return equalsAscii(m_nodes[key], name);
}

std::uint32_t Document::member(std::uint32_t object, std::string_view name) const
{
    return memberBefore(object, m_nodes[object].end, name);
}

std::uint32_t Document::memberBefore(std::uint32_t object, std::uint32_t limit,
                                     std::string_view name) const
{
    std::uint32_t found = NoNode;
    std::uint32_t key = object + 1;
    while (key + 1 < limit) {
        if (keyIs(key, name))
            found = key + 1;
        key = m_nodes[key + 1].end;
    }
    return found;
}

// ---- the parser ---------------------------------------------------------------------------
// It follows the structure of Qt's qjsonparser.cpp, so that both take and refuse the same
// documents; only the verdict matters here (Qt gives the error's wording and offset).

bool Parser::parse(QByteArrayView json, Document &document, RootObserver *observer)
{
    document.m_size = 0;
    const char *begin = json.data();
    const char *end = begin + json.size();
    if (end - begin > 3 && Byte(begin[0]) == 0xEF && Byte(begin[1]) == 0xBB &&
        Byte(begin[2]) == 0xBF)
        begin += 3;
    Parser p(begin, end, document);
    if (!p.skipSpace())
        return false;
    const char token = *p.m_p++;
    if (token == '[') {
        if (!p.array(1, nullptr))
            return false;
    } else if (token == '{') {
        if (!p.object(1, observer))
            return false;
    } else {
        return false;
    }
    p.skipSpace();
    return p.m_p == p.m_end;
}

bool Parser::streamArray(QByteArrayView array, ArraySink &sink)
{
    Document scratch;
    Parser p(array.data(), array.data() + array.size(), scratch);
    if (!p.skipSpace() || *p.m_p++ != '[')
        return false;
    // At depth 2, as the top-level member it was read as.
    if (!p.array(2, &sink))
        return false;
    p.skipSpace();
    return p.m_p == p.m_end;
}

std::uint32_t Parser::open(Kind kind)
{
    const std::uint32_t index = m_document.m_size;
    Node &n = m_document.add();
    n.text = m_p - 1; // the opening bracket, just read
    n.kind = kind;
    return index;
}

void Parser::close(std::uint32_t index, std::uint32_t count)
{
    Node &n = m_document.m_nodes[index];
    n.count = count;
    n.end = m_document.m_size;
    n.bytes = m_p - n.text;
}

bool Parser::value(int depth)
{
    const char c = *m_p++;
    switch (c) {
    case 'n':
    case 't':
    case 'f': {
        // Qt wants 4 bytes left after 'n' or 't', 5 after 'f' (one past the word).
        const std::string_view rest = c == 'n' ? "ull" : c == 't' ? "rue" : "alse";
        if (m_end - m_p < qsizetype(rest.size()) + 1 ||
            std::memcmp(m_p, rest.data(), rest.size()) != 0)
            return false;
        m_p += rest.size();
        Node &n = m_document.add();
        n.text = m_p - rest.size() - 1;
        n.bytes = qsizetype(rest.size()) + 1;
        n.kind = c == 'n' ? Kind::Null : Kind::Bool;
        n.flags = c == 't';
        n.end = m_document.m_size;
        return true;
    }
    case '"':
        m_document.add();
        return string();
    case '[':
        return array(depth + 1, nullptr);
    case '{':
        return object(depth + 1, nullptr);
    case ',':
    case ']':
    case '}':
        return false;
    default:
        --m_p;
        return number();
    }
}

bool Parser::array(int depth, ArraySink *sink)
{
    if (depth > NestingLimit)
        return false;
    const std::uint32_t self = open(Kind::Array);
    std::uint32_t count = 0;
    if (!skipSpace())
        return false;
    if (*m_p == ']') {
        ++m_p;
    } else {
        for (;;) {
            if (!skipSpace())
                return false;
            const std::uint32_t mark = m_document.m_size;
            if (!value(depth))
                return false;
            ++count;
            if (sink) {
                sink->element(m_document, mark);
                m_document.m_size = mark;
            }
            if (!skipSpace())
                return false;
            const char token = *m_p++;
            if (token == ']')
                break;
            if (token != ',')
                return false;
        }
    }
    close(self, count);
    return true;
}

bool Parser::object(int depth, RootObserver *observer)
{
    if (depth > NestingLimit)
        return false;
    const std::uint32_t self = open(Kind::Object);
    std::uint32_t count = 0;
    if (!skipSpace())
        return false;
    char token = *m_p++;
    while (token == '"') {
        const std::uint32_t key = m_document.m_size;
        m_document.add();
        if (!string())
            return false;
        if (!skipSpace() || *m_p++ != ':')
            return false;
        if (!skipSpace())
            return false;
        ArraySink *sink =
            observer && *m_p == '[' ? observer->streamMember(m_document, key) : nullptr;
        if (sink) {
            ++m_p;
            if (!array(depth + 1, sink))
                return false;
        } else if (!value(depth)) {
            return false;
        }
        ++count;
        if (!skipSpace())
            return false;
        token = *m_p++;
        if (token != ',')
            break;
        if (!skipSpace())
            return false;
        token = *m_p++;
        if (token == '}')
            return false;
    }
    if (token != '}')
        return false;
    close(self, count);
    return true;
}

// The string's node was just added; m_p is past the opening quote.
bool Parser::string()
{
    const std::uint32_t index = m_document.m_size - 1;
    const Byte *p = reinterpret_cast<const Byte *>(m_p);
    const Byte *end = reinterpret_cast<const Byte *>(m_end);
    std::uint8_t form = PlainAscii;
    for (;;) {
        // Eight plain ASCII bytes at a time (no quote, no backslash, no high bit).
        while (std::endian::native == std::endian::little && end - p >= 8) {
            std::uint64_t v;
            std::memcpy(&v, p, 8);
            constexpr std::uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
            const std::uint64_t quote = v ^ (ones * '"'), backslash = v ^ (ones * '\\');
            const std::uint64_t special =
                ((quote - ones) & ~quote) | ((backslash - ones) & ~backslash) | v;
            if (special & highs) {
                p += std::countr_zero(special & highs) / 8; // the first special byte
                break;
            }
            p += 8;
        }
        if (p == end)
            return false;
        const Byte c = *p;
        if (c == '"')
            break;
        if (c < 0x80 && c != '\\') { // control characters too, as Qt
            ++p;
            continue;
        }
        if (c == '\\') {
            form = Escaped;
            if (++p == end)
                return false;
            if (*p++ == 'u') {
                if (end - p < 4)
                    return false;
                for (int i = 0; i < 4; ++i)
                    if (hexValue(p[i]) < 0)
                        return false;
                p += 4;
            }
            continue;
        }
        if (form == PlainAscii)
            form = PlainUtf8;
        char32_t ignored;
        if (!utf8Sequence(p, end, ignored))
            return false;
    }
    ++p;          // the closing quote
    if (p >= end) // Qt's parser wants something after a string's closing quote
        return false;
    Node &n = m_document.m_nodes[index];
    n.text = m_p;
    n.bytes = reinterpret_cast<const char *>(p) - 1 - m_p;
    n.kind = Kind::String;
    n.end = index + 1;
    n.flags = form;
    m_p = reinterpret_cast<const char *>(p);
    return true;
}

// Qt's grammar: [-] (0 | digit*) [. digit*] [(e|E) [+|-] digit*], then a conversion that must
// use the whole text and give a finite number, and not 0 for a number that is not 0.
bool Parser::number()
{
    const char *start = m_p;
    const char *p = m_p;
    bool plain = true; // [-]digits
    if (p < m_end && *p == '-')
        ++p;
    const char *digits = p;
    if (p < m_end && *p == '0') {
        ++p;
    } else {
        while (p < m_end && isDigit(*p))
            ++p;
    }
    const qsizetype intDigits = p - digits;
    if (p < m_end && *p == '.') {
        plain = false;
        ++p;
        while (p < m_end && isDigit(*p))
            ++p;
    }
    if (p < m_end && (*p == 'e' || *p == 'E')) {
        plain = false;
        ++p;
        if (p < m_end && (*p == '-' || *p == '+'))
            ++p;
        while (p < m_end && isDigit(*p))
            ++p;
    }
    if (p >= m_end)
        return false;

    double value = 0;
    if (plain && intDigits >= 1 && intDigits <= 18) {
        // Exact in 64 bits; the conversion to double rounds as a decimal parse would.
        // "-0" is 0, as Qt reads it (an integer).
        qint64 n = 0;
        for (const char *d = digits; d < p; ++d)
            n = n * 10 + (*d - '0');
        value = double(digits != start ? -n : n);
    } else {
        // Locale-independent and correctly rounded; out of range on overflow and on an
        // underflow to 0, which Qt refuses too (subnormal numbers are read).
        const auto result = std::from_chars(start, p, value);
        if (result.ec != std::errc() || result.ptr != p)
            return false;
    }
    Node &n = m_document.add();
    n.text = start;
    n.bytes = p - start;
    n.number = value;
    n.kind = Kind::Number;
    n.end = m_document.m_size;
    m_p = p;
    return true;
}

} // namespace creditdesk::json
