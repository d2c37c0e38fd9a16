using System.Globalization;
using System.Text;

namespace GovDataPortal.Features.Catalogue;

/// <summary>
/// The grams the catalogue search indexes (docs/decisions/0007). Chinese keywords are often one or two characters
/// (人口, 社保, 法人), which a trigram index cannot serve; the portal therefore stores, for each entry, every single
/// character and every pair of adjacent characters of its texts (within runs of letters and digits) in a GIN-indexed
/// text[] column. A keyword of one character looks up its character, a longer one all its pairs (a superset of the
/// matches); the exact substring test then runs only on the rows the index returns.
/// </summary>
public static class CatalogueSearchText
{
    /// <summary>Full-width forms folded to half-width, letters to lower case (Ｍｙ ＳＱＬ = my sql).</summary>
    public static string Fold(string? text) =>
        string.IsNullOrEmpty(text) ? "" : text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();

    /// <summary>Every character and adjacent pair of <paramref name="texts"/>, distinct, in a stable order.</summary>
    public static string[] Grams(params string?[] texts)
    {
        var grams = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in texts)
            foreach (var run in Runs(Fold(text)))
            {
                var elements = Elements(run);
                for (var i = 0; i < elements.Count; i++)
                {
                    grams.Add(elements[i]);
                    if (i + 1 < elements.Count) grams.Add(elements[i] + elements[i + 1]);
                }
            }
        var result = grams.ToArray();
        Array.Sort(result, StringComparer.Ordinal);
        return result;
    }

    /// <summary>
    /// The grams a keyword must all have: its one character, or all its pairs. Empty when the keyword holds no letter or
    /// digit (then it filters nothing by index).
    /// </summary>
    public static string[] KeywordGrams(string? keyword)
    {
        var grams = new HashSet<string>(StringComparer.Ordinal);
        foreach (var run in Runs(Fold(keyword)))
        {
            var elements = Elements(run);
            if (elements.Count == 1) grams.Add(elements[0]);
            for (var i = 0; i + 1 < elements.Count; i++) grams.Add(elements[i] + elements[i + 1]);
        }
        return [.. grams];
    }

    /// <summary>The keyword as the substring test compares it (folded, trimmed).</summary>
    public static string Needle(string? keyword) => Fold(keyword).Trim();

    private static IEnumerable<string> Runs(string folded)
    {
        var start = -1;
        for (var i = 0; i <= folded.Length; i++)
        {
            var inRun = i < folded.Length && (char.IsLetterOrDigit(folded, i) || char.IsSurrogate(folded[i]));
            if (inRun && start < 0) start = i;
            else if (!inRun && start >= 0)
            {
                yield return folded[start..i];
                start = -1;
            }
        }
    }

    /// <summary>Text elements, so a character outside the BMP (𠀀) counts as one.</summary>
    private static List<string> Elements(string run)
    {
        var list = new List<string>(run.Length);
        var e = StringInfo.GetTextElementEnumerator(run);
        while (e.MoveNext()) list.Add((string)e.Current);
        return list;
    }
}
