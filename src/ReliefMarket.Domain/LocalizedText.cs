using System.Globalization;

namespace ReliefMarket.Domain;

/// <summary>A text in Simplified Chinese and English, as the data itself carries both.</summary>
public sealed record LocalizedText(string Zh, string En)
{
    /// <summary>English when the culture is English, Chinese otherwise (Chinese is the shop's default).</summary>
    public string In(CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "en" && En.Length > 0 ? En : Zh;

    public string Current => In(CultureInfo.CurrentUICulture);

    public override string ToString() => Current;
}
