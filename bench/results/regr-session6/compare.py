import json,glob,statistics,sys
def load(f):
    d=json.load(open(f)); out={}
    for r in d['results']:
        k=(r['family'],r['verb'],r.get('size',0),r['impl'])
        out[k]=r['stats']['min_ns']
    return out
for kind in ['rsa','aes']:
    pairs=[]
    for i in range(1,5):
        try: pairs.append((load(f'{kind}-old-{i}.json'),load(f'{kind}-new-{i}.json')))
        except FileNotFoundError: pass
    keys=sorted(pairs[0][0].keys(), key=str)
    print(kind, len(pairs),'pairs: speed new/old (min round), raw and normalised by the go row of the same run')
    for k in keys:
        if k[3]=='go': continue
        raws=[];norms=[]
        for o,n in pairs:
            if k not in n: continue
            raw=o[k]/n[k]
            g=(k[0],k[1],k[2],'go')
            gr=o[g]/n[g] if g in o and g in n else 1
            raws.append(raw); norms.append(raw/gr)
        if raws: print('  %-14s %-16s %6s %-12s raw %.3f  norm %.3f  (pairs %s)'%(k[0],k[1],k[2],k[3],statistics.median(raws),statistics.median(norms),' '.join('%.2f'%x for x in raws)))
