using System.Linq.Expressions;
using Bunit;
using GovDataPortal.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace GovDataPortal.Tests.Components;

/// <summary>
/// Review finding: a changed filter reloaded the grid on the page it was on (ReloadServerData keeps the page), or moved
/// to the first page and then reloaded (two queries). <see cref="GridExtensions.ReloadFromFirstPageAsync{T}"/> shows
/// the first page with one query; every filtered server grid of the portal uses it.
/// </summary>
public class GridExtensionsTests : PortalComponentTest
{
    private sealed record Row(int Number);

    private readonly List<int> _pagesAsked = [];
    private bool _evenOnly;

    private Task<GridData<Row>> LoadAsync(GridState<Row> state, CancellationToken ct)
    {
        _pagesAsked.Add(state.Page);
        var matching = Enumerable.Range(1, 45).Where(n => !_evenOnly || n % 2 == 0).ToList();
        return Task.FromResult(new GridData<Row>
        {
            Items = matching.Skip(state.Page * state.PageSize).Take(state.PageSize).Select(n => new Row(n)).ToList(),
            TotalItems = matching.Count,
        });
    }

    private IRenderedComponent<MudDataGrid<Row>> RenderGrid() => Render<MudDataGrid<Row>>(p => p
        .Add(x => x.ServerData, LoadAsync)
        .Add(x => x.RowsPerPage, 10)
        .Add(x => x.Columns, (RenderFragment)(b =>
        {
            b.OpenComponent<PropertyColumn<Row, int>>(0);
            b.AddAttribute(1, nameof(PropertyColumn<Row, int>.Property), (Expression<Func<Row, int>>)(r => r.Number));
            b.CloseComponent();
        }))
        .Add(x => x.PagerContent, (RenderFragment)(b =>
        {
            b.OpenComponent<MudDataGridPager<Row>>(0);
            b.CloseComponent();
        })));

    private static int[] Shown(IRenderedComponent<MudDataGrid<Row>> grid) =>
        grid.FindAll("tbody tr td").Select(td => int.Parse(td.TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    [Fact]
    public async Task A_changed_filter_on_the_second_page_shows_the_first_page_with_one_query()
    {
        var grid = RenderGrid();
        grid.WaitForAssertion(() => Assert.Equal(Enumerable.Range(1, 10), Shown(grid)));
        await grid.InvokeAsync(() => grid.Instance.NavigateTo(Page.Next));
        grid.WaitForAssertion(() => Assert.Equal(Enumerable.Range(11, 10), Shown(grid)));
        _pagesAsked.Clear();

        _evenOnly = true;
        await grid.InvokeAsync(() => grid.Instance.ReloadFromFirstPageAsync());

        grid.WaitForAssertion(() => Assert.Equal([2, 4, 6, 8, 10, 12, 14, 16, 18, 20], Shown(grid)));
        Assert.Equal(0, grid.Instance.CurrentPage);
        Assert.Equal([0], _pagesAsked);
    }

    [Fact]
    public async Task A_changed_filter_on_the_first_page_reloads_it_once()
    {
        var grid = RenderGrid();
        grid.WaitForAssertion(() => Assert.Equal(Enumerable.Range(1, 10), Shown(grid)));
        _pagesAsked.Clear();

        _evenOnly = true;
        await grid.InvokeAsync(() => grid.Instance.ReloadFromFirstPageAsync());

        grid.WaitForAssertion(() => Assert.Equal([2, 4, 6, 8, 10, 12, 14, 16, 18, 20], Shown(grid)));
        Assert.Equal([0], _pagesAsked);
    }
}
