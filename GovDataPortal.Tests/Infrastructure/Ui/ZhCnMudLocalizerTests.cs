using System.Collections;
using System.Resources;
using Bunit;
using GovDataPortal.Infrastructure.Ui;
using GovDataPortal.Tests.Components;
using MudBlazor;

namespace GovDataPortal.Tests.Infrastructure.Ui;

public class ZhCnMudLocalizerTests : PortalComponentTest
{
    [Fact]
    public void Every_text_MudBlazor_ships_has_a_Chinese_translation()
    {
        var assembly = typeof(MudButton).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith("LanguageResource.resources", StringComparison.Ordinal));
        using var reader = new ResourceReader(assembly.GetManifestResourceStream(resource)!);
        var keys = reader.Cast<DictionaryEntry>().Select(e => (string)e.Key).ToList();

        Assert.True(keys.Count > 100, $"only {keys.Count} MudBlazor texts found");
        var untranslated = keys.Where(k => !ZhCnMudLocalizer.Texts.ContainsKey(k)).ToList();
        Assert.True(untranslated.Count == 0, "untranslated: " + string.Join(", ", untranslated));
    }

    [Fact]
    public void The_pager_summary_reads_in_Chinese()
    {
        var localizer = new ZhCnMudLocalizer();
        Assert.Equal("第 1-10 条，共 23 条", localizer["MudDataGridPager_InfoFormat", 1, 10, 23].Value);
        Assert.True(localizer["NoSuchKey"].ResourceNotFound);
    }

    [Fact]
    public void A_data_grid_pager_shows_Chinese_texts()
    {
        var rows = Enumerable.Range(1, 23).Select(i => new Row(i)).ToList();
        var cut = Render<MudDataGrid<Row>>(p => p
            .Add(g => g.Items, rows)
            .Add(g => g.Columns, b =>
            {
                b.OpenComponent<PropertyColumn<Row, int>>(0);
                b.AddAttribute(1, nameof(PropertyColumn<Row, int>.Property), (System.Linq.Expressions.Expression<Func<Row, int>>)(r => r.Number));
                b.AddAttribute(2, nameof(PropertyColumn<Row, int>.Title), "序号");
                b.CloseComponent();
            })
            .Add(g => g.PagerContent, b =>
            {
                b.OpenComponent<MudDataGridPager<Row>>(0);
                b.CloseComponent();
            }));

        var pager = cut.Find(".mud-table-pagination").TextContent;
        Assert.Contains("每页条数", pager);
        Assert.Contains("第 1-10 条，共 23 条", pager);
        Assert.DoesNotContain("Rows per page", pager);
    }

    public sealed record Row(int Number);
}
