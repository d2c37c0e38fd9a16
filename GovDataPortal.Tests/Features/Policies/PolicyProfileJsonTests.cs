using System.Text.Json;
using GovDataPortal.Features.Policies;

namespace GovDataPortal.Tests.Features.Policies;

/// <summary>A profile as the JSON a 系统管理员 downloads and uploads (issue 8 item 6).</summary>
public class PolicyProfileJsonTests
{
    public static TheoryData<Jurisdiction> Jurisdictions => [.. Enum.GetValues<Jurisdiction>()];

    [Theory]
    [MemberData(nameof(Jurisdictions))]
    public void A_built_in_profile_survives_the_round_trip_through_json_and_stays_valid(Jurisdiction j)
    {
        var builtIn = BuiltInProfiles.Get(j);

        var back = PolicyProfileJson.Deserialize(PolicyProfileJson.Serialize(builtIn));

        Assert.True(PolicyProfileJson.SameContent(builtIn, back));
        Assert.Equal(builtIn.Version, back.Version);
        Assert.Equal(builtIn.Regulation, back.Regulation);
        Assert.Equal(builtIn.Duties.LogRetentionText, back.Duties.LogRetentionText);
        Assert.Equal(PolicyProfileJson.Serialize(builtIn), PolicyProfileJson.Serialize(back));
        Assert.Empty(PolicyProfileValidator.Check(back));
        // Rows hold lists (a record compares those by reference): compare what the page would show.
        static string Shown(PolicyProfile p) => System.Text.Json.JsonSerializer.Serialize(PolicyRulesView.Rows(p));
        Assert.Equal(Shown(builtIn), Shown(back));
    }

    [Fact]
    public void The_json_uses_camel_case_names_and_enum_strings_and_leaves_out_derived_values()
    {
        var json = PolicyProfileJson.Serialize(BuiltInProfiles.Get(Jurisdiction.Hubei));
        var root = JsonDocument.Parse(json).RootElement;

        Assert.Equal("hubei", root.GetProperty("jurisdiction").GetString());
        var step = root.GetProperty("flows").EnumerateArray().Single(f => f.GetProperty("key").GetString() == FlowKeys.ConditionalShare)
            .GetProperty("steps")[0];
        Assert.Equal("deemedApproval", step.GetProperty("onTimeout").GetString());
        Assert.Equal("providerDepartment", step.GetProperty("actor").GetString());
        Assert.Equal("第二十条第三款", step.GetProperty("citation").GetProperty("article").GetString());
        Assert.Equal("2021-04-01", root.GetProperty("regulation").GetProperty("effectiveFrom").GetString());
        Assert.False(root.TryGetProperty("title", out _));
        Assert.False(step.GetProperty("citation").TryGetProperty("documentTitle", out _));
        Assert.Contains("湖北省政务数据资源应用与管理办法", json); // Chinese stays readable, not \u-escaped
    }

    [Fact]
    public void Built_in_versions_name_their_content()
    {
        var hubei = BuiltInProfiles.Get(Jurisdiction.Hubei);

        Assert.Matches("^builtin:hubei:[0-9a-f]{12}$", hubei.Version);
        var changed = hubei with { Flows = [.. hubei.Flows.Skip(1)] };
        Assert.NotEqual(PolicyProfileJson.VersionOf(hubei, builtIn: true), PolicyProfileJson.VersionOf(changed, builtIn: true));
        Assert.Equal(hubei.Version, PolicyProfileJson.VersionOf(hubei with { Version = "x" }, builtIn: true));
        Assert.Equal(5, BuiltInProfiles.All.Select(p => p.Version).Distinct().Count());
    }

    [Fact]
    public void Broken_json_is_refused_in_chinese_with_its_position()
    {
        var e = Assert.Throws<PolicyProfileJsonException>(() => PolicyProfileJson.Deserialize("{\"jurisdiction\": \"hubei\",, }"));

        Assert.StartsWith("JSON 格式或内容有误：第1行", e.Message);
    }

    [Fact]
    public void A_misspelt_field_or_an_unknown_enum_value_is_refused_rather_than_ignored()
    {
        var json = PolicyProfileJson.Serialize(BuiltInProfiles.Get(Jurisdiction.Hubei));

        var misspelt = Assert.Throws<PolicyProfileJsonException>(() => PolicyProfileJson.Deserialize(json.Replace("\"onTimeout\"", "\"onTimout\"")));
        var badEnum = Assert.Throws<PolicyProfileJsonException>(() => PolicyProfileJson.Deserialize(json.Replace("\"deemedApproval\"", "\"autoApprove\"")));

        Assert.Contains("字段名是否拼写正确", misspelt.Message);
        Assert.Contains("flows", badEnum.Message);
    }
}
