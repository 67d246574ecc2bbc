namespace Paperboy.Tests.Support;

/// <summary>The real feed responses in tests/Fixtures (see tests/Fixtures/SOURCES.md).</summary>
public static class Fixtures
{
    public const string HuggingFaceSotawhat = "huggingface/hf_daily_papers_2026-06-12_sotawhat.json";
    public const string HuggingFaceNewsAssistant = "huggingface/hf_daily_papers_2026-08-03_newsassistant.json";
    public const string ArxivApiLegacy = "arxiv-api/arxiv_api_legacy_2016_au_del_maestro_arxivpy.xml";
    public const string ArxivApiCurrent = "arxiv-api/arxiv_api_2026_search_testing_m10_arxivpy.xml";
    public const string ArxivApiError = "arxiv-api/arxiv_api_2026_error_http400_arxivpy.xml";
    public const string ArxivApiEmpty = "arxiv-api/arxiv_api_2026_empty_result_arxivpy.xml";
    public const string ArxivRss = "arxiv-rss/arxiv_rss2_cs.LG+cs.AI+cs.CL+stat.ML_2026-09-24_layareader.xml";
    public const string Kaggle = "kaggle/arxiv-metadata-oai-snapshot_head_wanng.jsonl";

    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static string Text(string name) => File.ReadAllText(PathOf(name));
}
