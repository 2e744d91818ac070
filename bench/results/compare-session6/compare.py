import json,statistics,glob,math
def load(f):
    d=json.load(open(f)); out={}
    for r in d['results']:
        k=(r['family'],r['verb'],r.get('size',0),r['impl'],r.get('procs',1))
        out[k]=r['stats']['median_ns']
    return out
pairs=[]
for i in range(1,4):
    try: pairs.append((load(f'before-{i}.json'),load(f'after-{i}.json')))
    except FileNotFoundError: pass
keys=[k for k in pairs[0][0] if k[3] not in ('go','openssl') and all(k in o and k in n for o,n in pairs)]
rows=[]
for k in keys:
    norms=[]
    for o,n in pairs:
        g=None
        for ref in ('go','openssl'):
            gk=(k[0],k[1],k[2],ref,k[4])
            if gk in o and gk in n: g=o[gk]/n[gk]; break
        raw=o[k]/n[k]
        norms.append(raw/(g or 1))
    rows.append((statistics.median(norms),k,norms))
rows.sort()
gm=math.exp(sum(math.log(r[0]) for r in rows)/len(rows))
print(f'{len(pairs)} pairs, {len(rows)} tlscore rows; speed after/before normalised by the reference row of the same run; geomean {gm:.3f}')
print('slowest 12:')
for r in rows[:12]: print('  %.3f %s %s'%(r[0],' '.join(map(str,r[1])),' '.join('%.2f'%x for x in r[2])))
print('fastest 8:')
for r in rows[-8:]: print('  %.3f %s %s'%(r[0],' '.join(map(str,r[1])),' '.join('%.2f'%x for x in r[2])))
