def make_quote_finder(nlp, name):
    return lambda d: d
