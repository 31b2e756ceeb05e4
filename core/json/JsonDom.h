#pragma once

#include <QByteArrayView>
#include <QString>
#include <QStringView>

#include <cstdint>
#include <memory>
#include <string_view>

namespace creditdesk::json {

// A compact, read-only JSON DOM over the bytes of a document, for the large files the scenario
// reader takes (QJsonDocument needs about 6 bytes of memory per byte of JSON there).
//
// The parser accepts exactly what QJsonDocument::fromJson (Qt 6.4) accepts, so that a file is
// valid or not whichever reader looks at it: an object or an array at the top (a UTF-8 byte
// order mark before it is skipped), nesting at most 1024 deep, strictly valid UTF-8 in strings
// (raw control characters included, as Qt takes them), Qt's lenient number forms (`1.`, `.5`,
// `-.5`) but no number that overflows or underflows to 0, Qt's lenient escapes (`\a` is `a`, a
// lone `\ud800` is kept). The error itself (its text and offset) is Qt's to give: on a syntax
// error, ask QJsonDocument for the details.
//
// Nodes live in one array, in document order: an object's members follow it as key, value,
// key, value...; an array's elements follow it. Strings and numbers point into the document's
// bytes, which must outlive the nodes; strings are decoded only when asked for. A key given
// twice in one object: the last one counts (lookups return the last match), as in QJsonObject.

enum class Kind : std::uint8_t { Null, Bool, Number, String, Array, Object };

// How a string's bytes decode (a plain string needs no unescaping).
enum StringForm : std::uint8_t { PlainAscii = 0, PlainUtf8 = 1, Escaped = 2 };

constexpr std::uint32_t NoNode = UINT32_MAX;

struct Node
{
    const char *text = nullptr; // string: the bytes between the quotes; number: its text;
                                // array, object: from the opening to the closing bracket
    qsizetype bytes = 0;        // length of text
    double number = 0;          // number: its value (as QJsonValue::toDouble() gives it)
    std::uint32_t count = 0;    // array: elements; object: members
    std::uint32_t end = 0;      // the index just past this node and its descendants
    Kind kind = Kind::Null;
    std::uint8_t flags = 0; // string: its StringForm; bool: its value

    QByteArrayView span() const { return QByteArrayView(text, bytes); }
};

// A string node's value as a QString (as QJsonValue::toString() gives it).
QString toString(const Node &node);

// Whether a string node's value is `ascii` (ASCII text), or `text`: without decoding it.
bool equalsAscii(const Node &node, std::string_view ascii);
bool equals(const Node &node, const QString &text);

class Document
{
public:
    const Node &operator[](std::uint32_t index) const { return m_nodes[index]; }
    std::uint32_t size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }

    // Whether the key node `key` (a string node) decodes to `name`.
    bool keyIs(std::uint32_t key, std::string_view name) const;
    // The value of the object's last member named `name`, or NoNode.
    std::uint32_t member(std::uint32_t object, std::string_view name) const;
    // The same among the members that start before `limit` (an object still being read).
    std::uint32_t memberBefore(std::uint32_t object, std::uint32_t limit,
                               std::string_view name) const;
    // The index of the element after `index` in its array or object.
    std::uint32_t next(std::uint32_t index) const { return m_nodes[index].end; }
    // The end of the bytes read: node texts may be read in words up to there.
    const char *end() const { return m_end; }

private:
    friend class Parser;
    Node &add()
    {
        if (m_size == m_capacity)
            grow();
        Node &n = m_nodes[m_size++];
        n = Node();
        return n;
    }
    void grow();

    std::unique_ptr<Node[]> m_nodes;
    std::uint32_t m_size = 0;
    std::uint32_t m_capacity = 0;
    const char *m_end = nullptr;
};

// Receives the elements of an array one at a time, while the parser is still reading it; each
// element's nodes are dropped once element() returns, so that a long array takes no memory.
class ArraySink
{
public:
    virtual ~ArraySink() = default;
    virtual void element(const Document &document, std::uint32_t index) = 0;
};

// Chooses which members of the top-level object are streamed rather than kept.
class RootObserver
{
public:
    virtual ~RootObserver() = default;
    // Called once a top-level member's key is read and its value is known to be an array;
    // returns the sink for its elements, or nullptr to keep them in the document. The
    // members read so far are the root's members that start before `key`.
    virtual ArraySink *streamMember(const Document &document, std::uint32_t key) = 0;
};

class Parser
{
public:
    // Reads a whole document (the root is node 0). False on a syntax error, the document
    // then holding what was read before it.
    static bool parse(QByteArrayView json, Document &document, RootObserver *observer = nullptr);
    // Streams the elements of an array already known to be valid (a span from parse()).
    static bool streamArray(QByteArrayView array, ArraySink &sink);

private:
    Parser(const char *begin, const char *end, Document &document)
        : m_p(begin)
        , m_end(end)
        , m_document(document)
    {
        document.m_end = end;
    }
    bool skipSpace()
    {
        while (m_p < m_end) {
            const char c = *m_p;
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
                return true;
            ++m_p;
        }
        return false;
    }
    bool value(int depth);
    bool array(int depth, ArraySink *sink);
    bool object(int depth, RootObserver *observer);
    bool string();
    bool number();
    std::uint32_t open(Kind kind);
    void close(std::uint32_t index, std::uint32_t count);

    const char *m_p;
    const char *m_end;
    Document &m_document;
};

} // namespace creditdesk::json
