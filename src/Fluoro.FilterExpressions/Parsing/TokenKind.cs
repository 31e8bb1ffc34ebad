namespace Fluoro.FilterExpressions;

internal enum TokenKind
{
    End,
    Word,
    String,
    Number,
    Json,
    LeftParen,
    RightParen,
    LeftBrace,
    RightBrace,
    LeftBracket,
    RightBracket,
    Comma,
    Colon,
    Bang,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}
