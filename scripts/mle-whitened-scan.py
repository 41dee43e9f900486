#!/usr/bin/env python3
"""How far from the identity the whitened covariance of maximum-likelihood estimates is, in
every chart of every family: `python3 scripts/mle-whitened-scan.py N TRIALS` (after
`cargo build --release`). Prints, per chart, the largest entry deviation and n times it."""
import json, os, subprocess, sys, tempfile
B='target/release/fisherballs'
out=os.path.join(tempfile.mkdtemp(), 's.json')
fams={'gaussian':('0,1',['mean-std','mean-var','mean-logstd','information','natural','expectation']),
'gamma':('3,2',['shape-rate','shape-scale','shape-mean','log','natural','expectation']),
'beta':('2,5',['alpha-beta','mean-concentration','log','expectation']),
'categorical':('0.3,0.3',['simplex','logit','sphere']),
'cauchy':('0,1',['location-scale','location-logscale']),
'weibull':('3,1',['shape-scale','gumbel']),
'student-t':('0,1',['location-scale','location-logscale'])}
n=int(sys.argv[1]); M=int(sys.argv[2])
for f,(at,charts) in fams.items():
  for i in range(0,len(charts),3):
    cs=charts[i:i+3]
    # truth must be given in first chart of the command: give in canonical via first chart = canonical chart always
    cmd=[B,'mle','--family',f,'--charts',','.join([charts[0]]+[c for c in cs if c!=charts[0]][:2]),'--at',at,'--n',str(n),'--trials',str(M),'-o',out]
    r=subprocess.run(cmd,capture_output=True,text=True)
    if r.returncode: print(f,cs,r.stderr.strip()); continue
    d=json.load(open(out))
    for p in d['panels']:
      w=p['whitened_covariance']
      dev=max(abs(w[0][0]-1),abs(w[1][1]-1),abs(w[0][1]))
      print(f"{f:12s} {p['chart']:20s} dev {dev:.4f}  n*dev {n*dev:7.2f}  missing {d['no_estimate']}")
