namespace Paperboy.Recommender;

/// <summary>
/// The best few papers by relevance, best first, ties to the earlier paper: a sorted array of at most
/// <c>size</c> entries that most papers leave after one comparison with the worst kept. Offered papers must
/// come in ascending order.
/// </summary>
internal sealed class CandidatePool
{
    private float[] _scores = new float[32];
    private int[] _documents = new int[32];
    private int _size;

    public int Count { get; private set; }

    public void Reset(int size)
    {
        if (_scores.Length < size + 1)
        {
            _scores = new float[size + 1];
            _documents = new int[size + 1];
        }

        _size = size;
        Count = 0;
    }

    public float Score(int i) => _scores[i];

    public int Document(int i) => _documents[i];

    public void Offer(int doc, float score)
    {
        if (_size == 0 || (Count == _size && score <= _scores[Count - 1]))
        {
            return;
        }

        // After every kept paper at least as good: earlier papers win ties.
        int at = Count;
        while (at > 0 && _scores[at - 1] < score)
        {
            at--;
        }

        Array.Copy(_scores, at, _scores, at + 1, Count - at);
        Array.Copy(_documents, at, _documents, at + 1, Count - at);
        _scores[at] = score;
        _documents[at] = doc;
        Count = Math.Min(Count + 1, _size);
    }
}
