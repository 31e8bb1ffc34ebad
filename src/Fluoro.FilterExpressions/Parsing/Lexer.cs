using System.Globalization;
using System.Text;

namespace Fluoro.FilterExpressions;

/// <summary>Turns expression text into tokens up front; expressions are short, so a list is simplest.</summary>
internal static class Lexer
{
    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                tokens.Add(new Token(TokenKind.End, string.Empty, text.Length));
                return tokens;
            }

            var c = text[i];
            var start = i;
            switch (c)
            {
                case '(': tokens.Add(new Token(TokenKind.LeftParen, "(", i++)); continue;
                case ')': tokens.Add(new Token(TokenKind.RightParen, ")", i++)); continue;
                case '{': tokens.Add(new Token(TokenKind.LeftBrace, "{", i++)); continue;
                case '}': tokens.Add(new Token(TokenKind.RightBrace, "}", i++)); continue;
                case '[': tokens.Add(new Token(TokenKind.LeftBracket, "[", i++)); continue;
                case ']': tokens.Add(new Token(TokenKind.RightBracket, "]", i++)); continue;
                case ',': tokens.Add(new Token(TokenKind.Comma, ",", i++)); continue;
                case ':': tokens.Add(new Token(TokenKind.Colon, ":", i++)); continue;
                case '!':
                    if (Next(text, i) == '=')
                    {
                        tokens.Add(new Token(TokenKind.NotEqual, "!=", i));
                        i += 2;
                    }
                    else
                    {
                        tokens.Add(new Token(TokenKind.Bang, "!", i++));
                    }

                    continue;
                case '=':
                    // "==" is accepted as a courtesy; it means the same as "=".
                    var eqLength = Next(text, i) == '=' ? 2 : 1;
                    tokens.Add(new Token(TokenKind.Equal, text.Substring(i, eqLength), i));
                    i += eqLength;
                    continue;
                case '<':
                    if (Next(text, i) == '=')
                    {
                        tokens.Add(new Token(TokenKind.LessOrEqual, "<=", i));
                        i += 2;
                    }
                    else
                    {
                        tokens.Add(new Token(TokenKind.Less, "<", i++));
                    }

                    continue;
                case '>':
                    if (Next(text, i) == '=')
                    {
                        tokens.Add(new Token(TokenKind.GreaterOrEqual, ">=", i));
                        i += 2;
                    }
                    else
                    {
                        tokens.Add(new Token(TokenKind.Greater, ">", i++));
                    }

                    continue;
                case '"':
                    tokens.Add(ReadString(text, ref i));
                    continue;
                case '#':
                    tokens.Add(ReadJson(text, ref i));
                    continue;
                default:
                    break;
            }

            if (IsDigit(c) || ((c == '-' || c == '.') && IsDigit(Next(text, i))) || (c == '-' && Next(text, i) == '.' && IsDigit(Next(text, i + 1))))
            {
                tokens.Add(ReadNumber(text, ref i));
                continue;
            }

            if (IsWordStart(c))
            {
                while (i < text.Length && IsWordPart(text[i]))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Word, text[start..i], start));
                continue;
            }

            throw new FilterExpressionException($"unexpected character '{Printable(c)}'", i);
        }
    }

    internal static bool IsWordStart(char c) => char.IsAsciiLetter(c) || c == '_';

    internal static bool IsWordPart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_' || c == '.' || c == '-';

    private static bool IsDigit(char c) => char.IsAsciiDigit(c);

    private static char Next(string text, int i) => i + 1 < text.Length ? text[i + 1] : '\0';

    private static string Printable(char c) => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString();

    private static Token ReadString(string text, ref int i)
    {
        var start = i++;
        var builder = new StringBuilder();
        while (i < text.Length)
        {
            var c = text[i++];
            if (c == '"')
            {
                return new Token(TokenKind.String, builder.ToString(), start);
            }

            if (c == '\\' && i < text.Length && (text[i] == '"' || text[i] == '\\'))
            {
                builder.Append(text[i++]);
                continue;
            }

            builder.Append(c);
        }

        throw new FilterExpressionException("unterminated string; expected a closing '\"'", start);
    }

    private static Token ReadNumber(string text, ref int i)
    {
        var start = i;
        if (text[i] == '-')
        {
            i++;
        }

        while (i < text.Length && IsDigit(text[i]))
        {
            i++;
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && IsDigit(text[i]))
            {
                i++;
            }
        }

        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            var save = i++;
            if (i < text.Length && (text[i] == '+' || text[i] == '-'))
            {
                i++;
            }

            if (i < text.Length && IsDigit(text[i]))
            {
                while (i < text.Length && IsDigit(text[i]))
                {
                    i++;
                }
            }
            else
            {
                i = save;
            }
        }

        if (i < text.Length && IsWordStart(text[i]))
        {
            throw new FilterExpressionException($"malformed number '{text[start..(i + 1)]}'", start);
        }

        var spelling = text[start..i];
        if (!double.TryParse(spelling, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new FilterExpressionException($"number '{spelling}' is out of range", start);
        }

        return new Token(TokenKind.Number, spelling, start, value);
    }

    // '#' introduces a JSON array (rootcause.json = #[...]); it is cut out by bracket matching that
    // skips over JSON strings, and the parser hands the slice to a real JSON parser.
    private static Token ReadJson(string text, ref int i)
    {
        var hash = i++;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        if (i >= text.Length || text[i] != '[')
        {
            throw new FilterExpressionException("expected '[' after '#' to start a JSON array", i);
        }

        var start = i;
        var depth = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"')
            {
                i++;
                while (i < text.Length && text[i] != '"')
                {
                    i += text[i] == '\\' ? 2 : 1;
                }

                if (i >= text.Length)
                {
                    throw new FilterExpressionException("unterminated string inside JSON", start);
                }
            }
            else if (c is '[' or '{')
            {
                depth++;
            }
            else if (c is ']' or '}')
            {
                depth--;
                if (depth == 0)
                {
                    i++;
                    return new Token(TokenKind.Json, text[start..i], hash);
                }
            }

            i++;
        }

        throw new FilterExpressionException("unterminated JSON array; expected a closing ']'", start);
    }
}
