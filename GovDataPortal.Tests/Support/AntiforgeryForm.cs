using System.Text.RegularExpressions;

namespace GovDataPortal.Tests.Support;

/// <summary>The antiforgery token a rendered form carries, for tests that post a form the way a browser does.</summary>
public static partial class AntiforgeryForm
{
    public const string FieldName = "__RequestVerificationToken";

    /// <summary>The token in the page's hidden field ("" when the page has none).</summary>
    public static string Token(string html) => TokenField().Match(html).Groups["t"].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"(?<t>[^\"]+)\"")]
    private static partial Regex TokenField();
}
