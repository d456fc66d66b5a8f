using System.Globalization;
using System.Text;

namespace ReliefMarket.Domain;

/// <summary>
/// Text a person typed into a one-line field. It is stored in NFC so equal-looking words compare equal, and it
/// may not hold control or format characters (Unicode Cc, Cf), line or paragraph separators, or unpaired
/// surrogates: they hide or reorder what others see (U+202E), make invisible differences (U+200B) or break the
/// database (NUL on PostgreSQL). The one exception is the zero-width joiner between two emoji (👩‍💻), which
/// only glues a picture together (decision 0013).
/// </summary>
public static class UserText
{
    private const char ZeroWidthJoiner = '\u200D';

    /// <summary>True when the text holds nothing a one-line field refuses.</summary>
    public static bool IsClean(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsLowSurrogate(c)) return false;
            if (char.IsHighSurrogate(c) && (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))) return false;
            var category = CharUnicodeInfo.GetUnicodeCategory(text, i);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                && !(c == ZeroWidthJoiner && JoinsEmoji(text, i))) return false;
            if (char.IsHighSurrogate(c)) i++;
        }
        return true;
    }

    /// <summary>The text in NFC, trimmed; null when it is null or not <see cref="IsClean"/>.</summary>
    public static string? Clean(string? text) =>
        text is not null && IsClean(text) ? text.Normalize(NormalizationForm.FormC).Trim() : null;

    /// <summary>
    /// Like <see cref="Clean"/> but in NFKC, for fields of digits: full-width ０-９ (as Chinese input methods type
    /// them) become ASCII digits.
    /// </summary>
    public static string? CleanCompatible(string? text) =>
        text is not null && IsClean(text) ? text.Normalize(NormalizationForm.FormKC).Trim() : null;

    private static bool JoinsEmoji(string text, int at)
    {
        if (at == 0 || at + 1 >= text.Length) return false;
        var before = Rune.DecodeLastFromUtf16(text.AsSpan(0, at), out var previous, out _) == System.Buffers.OperationStatus.Done;
        var after = Rune.DecodeFromUtf16(text.AsSpan(at + 1), out var next, out _) == System.Buffers.OperationStatus.Done;
        return before && after && IsEmojiPart(previous) && Rune.GetUnicodeCategory(next) == UnicodeCategory.OtherSymbol;
    }

    // A picture, a skin-tone modifier or the emoji-style variation selector may stand before a joiner.
    private static bool IsEmojiPart(Rune r) =>
        Rune.GetUnicodeCategory(r) is UnicodeCategory.OtherSymbol or UnicodeCategory.ModifierSymbol || r.Value == 0xFE0F;
}
