namespace Fluoro.FilterExpressions;

/// <summary>
/// One lexical token. <see cref="Text"/> is the decoded content for strings, the raw spelling otherwise;
/// <see cref="Position"/> is the offset of its first character.
/// </summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Position, double Number = 0)
{
    public bool IsWord(string word) => Kind == TokenKind.Word && string.Equals(Text, word, StringComparison.OrdinalIgnoreCase);

    public string Describe() => Kind switch
    {
        TokenKind.End => "end of expression",
        TokenKind.String => $"string \"{Text}\"",
        TokenKind.Json => "JSON",
        _ => $"'{Text}'",
    };
}
